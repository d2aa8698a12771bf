package dev.heartbeat.desktop;

import dev.heartbeat.desktop.connection.SpaceAddress;
import dev.heartbeat.desktop.view.Theme;
import dev.heartbeat.protocol.message.SpaceName;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the viewer remembers between runs ({@code java.util.prefs}): the last space and the chosen theme. */
public final class ViewerPreferences {
    /** Where the viewer's preferences live under the user root. */
    public static final String NODE = "dev/heartbeat/desktop";

    private static final String SERVER = "server";
    private static final String SPACE = "space";
    private static final String NAME = "name";
    private static final String THEME = "theme";

    private final Preferences node;

    public ViewerPreferences(Preferences node) {
        this.node = node;
    }

    public static ViewerPreferences user() {
        return new ViewerPreferences(Preferences.userRoot().node(NODE));
    }

    public String server() {
        return node.get(SERVER, SpaceAddress.DEFAULT_SERVER);
    }

    public String space() {
        return node.get(SPACE, SpaceName.DEFAULT);
    }

    public String name() {
        return node.get(NAME, "");
    }

    /** The theme picked in the View menu, if the user ever picked one. */
    public Optional<Theme> theme() {
        String value = node.get(THEME, "");
        for (Theme theme : Theme.values()) if (theme.name().equals(value)) return Optional.of(theme);
        return Optional.empty();
    }

    public void remember(SpaceAddress address) {
        node.put(SERVER, address.server().toString());
        node.put(SPACE, address.space());
        node.put(NAME, address.name());
        flush();
    }

    public void rememberTheme(Theme theme) {
        node.put(THEME, theme.name());
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Remembering is a courtesy; a read-only home folder must not stop the viewer.
        }
    }
}
