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
 * Holds the current {@link ViewerState} on the FX thread. The one crossing from other threads is
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
    private Object source;

    public ViewerState state() {
        return state;
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
        for (Consumer<ViewerState> listener : listeners) listener.accept(next);
    }
}
