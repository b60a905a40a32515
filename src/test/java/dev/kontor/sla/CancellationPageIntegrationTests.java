package dev.kontor.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketCommands;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The cancellation banner on the ticket page: the order's real state, before and after the first reply. */
@KontorIntegrationTest
@AutoConfigureMockMvc
class CancellationPageIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    OrderManagement orders;

    @Autowired
    ClientManagement clients;

    @Autowired
    MockMvc mvc;

    @Test
    void aCancellationWhoseShipByTimeHasPassedSaysSoAndIsNotOverdueOnArrival() throws Exception {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        RequestPostProcessor agent =
                user(Long.toString(fixtures.agent(client).id())).roles("AGENT");
        Instant shipBy = Instant.now().minus(Duration.ofHours(25)).truncatedTo(ChronoUnit.SECONDS);
        order(client, store, "77701", shipBy);

        long id = fixtures.ticket(store, "Storno", "Bitte stornieren Sie meine Bestellung 77701.", null)
                .ticketId();
        TicketView settled = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> ticketQueries.find(id, ClientScope.everything()).orElseThrow(),
                        v -> v.category() != null && v.slaDueAt() != null);
        assertThat(settled.category()).isEqualTo("cancellation");
        // The cancellation target from arrival (no policy: the two-hour default), not "26 h overdue".
        assertThat(settled.slaDueAt()).isEqualTo(settled.createdAt().plus(Duration.ofHours(2)));

        String page = page(id, agent);
        assertThat(page)
                .contains("the ship-by time of order 77701-A has passed")
                .contains("The order is SHIPPING")
                .doesNotContain("can still be cancelled");

        tickets.reply(
                id,
                ClientScope.everything(),
                new TicketCommands.Actor(null, "Anna"),
                "Wir prüfen, ob das Paket schon unterwegs ist.",
                null,
                List.of());
        fixtures.awaitListenersDone(id);
        assertThat(ticketQueries
                        .find(id, ClientScope.everything())
                        .orElseThrow()
                        .firstResponseAt())
                .isNotNull();
        assertThat(page(id, agent))
                .contains("the ship-by time of order 77701-A has passed")
                .doesNotContain("not known yet");
    }

    @Test
    void theBannerStaysAfterTheFirstReply() throws Exception {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        RequestPostProcessor agent =
                user(Long.toString(fixtures.agent(client).id())).roles("AGENT");
        order(client, store, "77702", Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS));
        long id = fixtures.ticket(store, "Storno", "Bitte stornieren Sie meine Bestellung 77702.", null)
                .ticketId();
        await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> ticketQueries.find(id, ClientScope.everything()).orElseThrow(),
                        v -> "cancellation".equals(v.category()) && v.slaDueAt() != null);
        assertThat(page(id, agent)).contains("order 77702-A is SHIPPING and can still be cancelled");

        tickets.reply(
                id,
                ClientScope.everything(),
                new TicketCommands.Actor(null, "Anna"),
                "Wir stornieren die Bestellung.",
                null,
                List.of());
        fixtures.awaitListenersDone(id);
        assertThat(page(id, agent))
                .contains("order 77702-A is SHIPPING and can still be cancelled")
                .doesNotContain("not known yet");
    }

    private String page(long ticketId, RequestPostProcessor agent) throws Exception {
        return mvc.perform(get("/tickets/" + ticketId).with(agent))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private void order(ClientView client, StoreView store, String number, Instant shipBy) {
        orders.record(
                client.id(),
                clients.apiChannelOf(store.id()).id(),
                new OrderData(
                        number + "-A",
                        number,
                        "SHIPPING",
                        true,
                        "EUR",
                        new BigDecimal("89.00"),
                        BigDecimal.ZERO,
                        null,
                        null,
                        null,
                        shipBy,
                        "Jonas Keller",
                        null,
                        null,
                        null,
                        List.of(new OrderData.Line(
                                number + "-A-1",
                                "NW-TENT",
                                "Zelt",
                                1,
                                new BigDecimal("89.00"),
                                new BigDecimal("89.00"),
                                "SHIPPING"))));
    }
}
