package dev.kontor.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.ReceivedMessage;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketEvents.NoteAdded;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Failing background work is tried again with backoff and shown to admins meanwhile: a customer message whose
 * pass (triage, rules, SLA) fails, and an event listener that fails. Two test components fail on purpose while
 * their ticket (by subject for the pass, by id for the listener) is in {@link Failures}.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = {"kontor.events.retry.interval=1s", "kontor.events.retry.first-backoff=2s"})
class BackgroundWorkIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    DSLContext db;

    @Autowired
    Failures failures;

    @Test
    void aMessageWhosePassFailsWaitsVisiblyWhileOthersGoOnAndPassesWhenTriedAgain() throws Exception {
        var store = fixtures.store(fixtures.client());
        String subject = TestFixtures.unique("Failing pass");
        failures.passFails.add(subject);
        long failing =
                fixtures.ticket(store, subject, "Where is my parcel?", null).ticketId();
        long other = fixtures.ticket(store, "Other ticket", "Where is my parcel?", null)
                .ticketId();
        fixtures.awaitListenersDone(other);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> attempts(failing) > 0);

        RequestPostProcessor admin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");
        String json = mvc.perform(get("/api/v1/message-flow").with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(json).contains("\"ticketId\":" + failing).contains("the test step refuses " + subject);
        assertThat(json).doesNotContain("\"ticketId\":" + other + ",");
        String page = mvc.perform(get("/admin/background-work").with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("the test step refuses " + subject).contains("Try again now");

        var agent = user(Long.toString(fixtures.agent().id())).roles("AGENT");
        mvc.perform(get("/api/v1/message-flow").with(agent)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/background-work").with(agent)).andExpect(status().isForbidden());

        // The cause is fixed; the admin does not wait for the backoff (5 s, then 10 s...).
        failures.passFails.remove(subject);
        mvc.perform(post("/admin/background-work/messages/retry").with(admin).with(csrf()))
                .andExpect(status().is3xxRedirection());
        fixtures.awaitListenersDone(failing);
        assertThat(ticketQueries
                        .find(failing, ClientScope.everything())
                        .orElseThrow()
                        .category())
                .isNotNull();
    }

    @Test
    void aFailedListenerIsShownAndTriedAgainWithBackoffUntilItSucceeds() throws Exception {
        var store = fixtures.store(fixtures.client());
        long ticket = fixtures.ticket(store, "Listener", "Hello", null).ticketId();
        fixtures.awaitListenersDone(ticket);
        failures.listenerFails.add(ticket);
        tickets.addNote(ticket, ClientScope.everything(), Actor.system(), "a note");

        RequestPostProcessor admin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> mvc.perform(get("/api/v1/event-publications").with(admin))
                        .andReturn()
                        .getResponse()
                        .getContentAsString()
                        .contains("FailingListener.on"));
        String page = mvc.perform(get("/admin/background-work").with(admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("FailingListener.on").contains(NoteAdded.class.getName());

        // Still failing: tried again after the backoff, and again later.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> failures.listenerCalls(ticket) >= 2);
        failures.listenerFails.remove(ticket);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failures.listenerSucceeded.contains(ticket));
        fixtures.awaitListenersDone(ticket);
    }

    private int attempts(long ticketId) {
        Integer n = db.fetchOne("select max(attempts) from tickets.message_flow where ticket_id = ?", ticketId)
                .get(0, Integer.class);
        return n == null ? 0 : n;
    }

    /** Which tickets the test components fail on, and what they saw. */
    static class Failures {
        final Set<String> passFails = ConcurrentHashMap.newKeySet();
        final Set<Long> listenerFails = ConcurrentHashMap.newKeySet();
        final Set<Long> listenerSucceeded = ConcurrentHashMap.newKeySet();
        final ConcurrentHashMap<Long, AtomicInteger> calls = new ConcurrentHashMap<>();

        int listenerCalls(long ticketId) {
            AtomicInteger n = calls.get(ticketId);
            return n == null ? 0 : n.get();
        }
    }

    static class FailingListener {
        private final Failures failures;

        FailingListener(Failures failures) {
            this.failures = failures;
        }

        @ApplicationModuleListener
        void on(NoteAdded e) {
            failures.calls
                    .computeIfAbsent(e.ticketId(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (failures.listenerFails.contains(e.ticketId())) {
                throw new IllegalStateException("the test listener refuses ticket " + e.ticketId());
            }
            failures.listenerSucceeded.add(e.ticketId());
        }
    }

    @TestConfiguration
    static class Components {
        @Bean
        Failures failures() {
            return new Failures();
        }

        @Bean
        FailingListener failingListener(Failures failures) {
            return new FailingListener(failures);
        }

        @Bean
        @Order(1)
        MessageStep failingStep(Failures failures) {
            return (List<ReceivedMessage> batch) -> {
                for (ReceivedMessage m : batch) {
                    if (failures.passFails.contains(m.subject())) {
                        throw new IllegalStateException("the test step refuses " + m.subject());
                    }
                }
            };
        }
    }
}
