package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recompute service on its own: a worker and a UI thread played by two queues the test runs by hand. */
class NewestWinsTest {
    final Deque<Runnable> worker = new ArrayDeque<>();
    final Deque<Runnable> ui = new ArrayDeque<>();
    final NewestWins<String> service = new NewestWins<>(new Scheduling(worker::add, ui::add));
    final List<String> ran = new ArrayList<>();
    final List<String> shown = new ArrayList<>();

    void request(String what) {
        service.request(() -> {
            ran.add(what);
            if (what.startsWith("bad")) throw new InvalidInputException(what + " does not compute");
            return what;
        }, shown::add, e -> shown.add("error: " + e));
    }

    static void drain(Deque<Runnable> q) {
        while (!q.isEmpty()) q.poll().run();
    }

    @Test
    void requestsThatComeWhileTheWorkerIsBusyCollapseIntoTheNewest() {
        request("a");
        request("ab");
        request("abc");
        drain(worker);
        assertThat(ran).containsExactly("abc"); // a and ab were replaced before the worker started them
        drain(ui);
        assertThat(shown).containsExactly("abc");
    }

    @Test
    void anAnswerOvertakenByANewerRequestIsNotShown() {
        request("old");
        drain(worker); // old computed; its answer waits for the UI thread
        request("new");
        drain(ui);
        assertThat(shown).isEmpty();
        drain(worker);
        drain(ui);
        assertThat(shown).containsExactly("new");
    }

    @Test
    void aRefusedRequestIsSaidInWordsAndTheNextOneStillRuns() {
        request("bad input");
        drain(worker);
        drain(ui);
        assertThat(shown).containsExactly("error: bad input does not compute");
        request("fine");
        drain(worker);
        drain(ui);
        assertThat(shown).containsExactly("error: bad input does not compute", "fine");
    }
}
