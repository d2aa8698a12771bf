package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.desktop.state.ViewerReducer;
import dev.heartbeat.desktop.state.ViewerState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Holds the current {@link ViewerState} on the FX thread (and, while looking back in a live space,
 * the recorded one shown instead). The one crossing from other threads is
 * {@link #post}: events wait in an inbox and one {@code Platform.runLater} reduces all that came
 * meanwhile, so a burst of pulses costs one FX task, not hundreds.
 */
public final class ViewerStore {
    private record Posted(Object source, ViewerEvent event) {}

    private final ConcurrentLinkedQueue<Posted> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<Consumer<ViewerState>> listeners = new ArrayList<>();
    // Written on the FX thread only; volatile so tests and the benchmark may read it anywhere.
    private volatile ViewerState state = ViewerState.INITIAL;
    // While looking back in a live space: what the recording shows, drawn instead of the live state.
    private volatile ViewerState rewound;
    private Object source;

    /** The live state (or a played file's): what the connection or the player made of its events. */
    public ViewerState state() {
        return state;
    }

    /** What the window shows: the recorded moment while looking back, else {@link #state()}. */
    public ViewerState shown() {
        ViewerState r = rewound;
        return r != null ? r : state;
    }

    public boolean rewinding() {
        return rewound != null;
    }

    /** FX thread: applies a recording's events to what is shown while looking back (starting it). */
    public void rewind(List<ViewerEvent> events) {
        rewound = ViewerReducer.reduceAll(rewound == null ? ViewerState.INITIAL : rewound, events);
        notifyListeners();
    }

    /** FX thread: back to the live state. */
    public void stopRewind() {
        if (rewound == null) return;
        rewound = null;
        notifyListeners();
    }

    /** Calls {@code listener} on the FX thread after every change. */
    public void subscribe(Consumer<ViewerState> listener) {
        listeners.add(listener);
    }

    /**
     * FX thread: starts over for a new source of events (a connection or a recording). Events still
     * in flight from an earlier source are dropped when they arrive.
     */
    public void begin(Object newSource) {
        source = newSource;
        rewound = null;
        set(ViewerState.INITIAL);
    }

    /** Any thread: hands an event from {@code from} to the FX thread. */
    public void post(Object from, ViewerEvent event) {
        inbox.add(new Posted(from, event));
        if (drainScheduled.compareAndSet(false, true)) Platform.runLater(this::drain);
    }

    /** FX thread: applies an event at once (the viewer's own pulse, a notice). */
    public void dispatch(ViewerEvent event) {
        set(ViewerReducer.reduce(state, event));
    }

    /** FX thread: applies several events at once, as one change (a recording's frame). */
    public void dispatchAll(List<ViewerEvent> events) {
        if (!events.isEmpty()) set(ViewerReducer.reduceAll(state, events));
    }

    private void drain() {
        drainScheduled.set(false);
        List<ViewerEvent> events = new ArrayList<>();
        for (Posted p; (p = inbox.poll()) != null; ) {
            if (p.source() == source) events.add(p.event());
        }
        if (!events.isEmpty()) set(ViewerReducer.reduceAll(state, events));
    }

    private void set(ViewerState next) {
        state = next;
        notifyListeners();
    }

    private void notifyListeners() {
        ViewerState shown = shown();
        for (Consumer<ViewerState> listener : listeners) listener.accept(shown);
    }
}
