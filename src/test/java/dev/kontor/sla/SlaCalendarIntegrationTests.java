package dev.kontor.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Calendars as admins send them (API and form) and as the SLA reads them back: malformed input is a field error,
 * repeated holidays are one holiday, and a calendar that cannot be read still gives deadlines and says why.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class SlaCalendarIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketQueries tickets;

    @Autowired
    SlaManagement sla;

    @Autowired
    DSLContext db;

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    ApiClient api;
    UserView adminUser;
    RequestPostProcessor admin;
    ClientView client;
    StoreView store;

    @BeforeEach
    void setUp() {
        adminUser = fixtures.admin();
        api = new ApiClient(port, fixtures.token(adminUser));
        admin = user(Long.toString(adminUser.id())).roles("ADMIN");
        client = fixtures.client();
        store = fixtures.store(client);
    }

    static List<String> fields(ApiClient.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    String calendar(String name, String zone, String hours, String holidays) {
        return "{\"clientId\":" + client.id() + ",\"name\":\"" + name + "\",\"timeZone\":" + zone + ",\"hours\":"
                + hours + ",\"holidays\":" + holidays + "}";
    }

    @Test
    void malformedCalendarInputIsAFieldErrorThroughTheApi() {
        var late = api.post(
                "/api/v1/sla/calendars", calendar("Office", "\"Europe/Berlin\"", "\"mon-fri 09:00-25:00\"", "[]"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(fields(late)).containsExactly("hours");
        assertThat(late.raw().body()).contains("25:00");

        var several =
                api.post("/api/v1/sla/calendars", calendar("", "\"Mars/Olympus\"", "\"mon 09:60-10:00\"", "[null]"));
        assertThat(several.status()).isEqualTo(422);
        assertThat(fields(several)).containsExactlyInAnyOrder("name", "timeZone", "hours", "holidays[0]");

        var missing = api.post("/api/v1/sla/calendars", calendar("Office", "null", "null", "null"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(fields(missing)).containsExactlyInAnyOrder("timeZone", "hours");

        var noDate = api.post(
                "/api/v1/sla/calendars",
                calendar("Office", "\"Europe/Berlin\"", "\"mon 09:00-17:00\"", "[\"2026-13-45\"]"));
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.json().get("detail").asString()).contains("holidays");

        var strangers = api.post(
                "/api/v1/sla/calendars",
                calendar("Office", "\"Europe/Berlin\"", "\"mon 09:00-17:00\"", "[]")
                        .replace("\"clientId\":" + client.id(), "\"clientId\":987654321"));
        assertThat(strangers.status()).isEqualTo(422);
        assertThat(fields(strangers)).containsExactly("clientId");

        assertThat(api.post(
                                "/api/v1/sla/calendars",
                                calendar("Office", "\"Europe/Berlin\"", "\"mon 09:00-17:00\"", "[]"))
                        .status())
                .isEqualTo(201);
        var twice =
                api.post("/api/v1/sla/calendars", calendar("Office", "\"Europe/Berlin\"", "\"mon 09:00-17:00\"", "[]"));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(fields(twice)).containsExactly("name");

        // Agents' working hours are read by the same calendar code.
        UserView agent = fixtures.agent(client);
        var hours = api.put(
                "/api/v1/routing/agents/" + agent.id(),
                "{\"status\":\"online\",\"workingHours\":\"mon-fri 25:00-26:00\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(hours.status()).isEqualTo(422);
        assertThat(fields(hours)).containsExactly("workingHours");
    }

    @Test
    void malformedCalendarInputIsAFieldErrorInTheForm() throws Exception {
        String html = mvc.perform(post("/admin/sla/calendars")
                        .param("clientId", Long.toString(client.id()))
                        .param("name", "Office")
                        .param("timeZone", "Mars/Olympus")
                        .param("hours", "mon-fri 09:00-25:00")
                        .param("holidays", "2026-12-25")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains("value=\"mon-fri 09:00-25:00\"")
                .contains("is not a time of day")
                .contains("unknown time zone");
        assertThat(sla.calendars(ClientScope.of(List.of(client.id())))).isEmpty();
    }

    @Test
    void aRepeatedHolidayIsStoredOnceAndReadBackTolerantly() {
        var saved = api.post(
                "/api/v1/sla/calendars",
                calendar(
                        "Office",
                        "\"Europe/Berlin\"",
                        "\"mon-sun 00:00-24:00\"",
                        "[\"2026-12-25\",\"2026-12-24\",\"2026-12-25\"]"));
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("holidays").toString()).isEqualTo("[\"2026-12-24\",\"2026-12-25\"]");
        long calendarId = saved.json().get("id").asLong();
        policy(calendarId);
        // A row written before the checks (or by hand) still repeats a date: the SLA reads it all the same.
        db.execute("update sla.calendar set holidays = '{2026-12-25,2026-12-25,2026-12-24}' where id = ?", calendarId);

        TicketView t = settled(fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId());
        assertThat(t.slaDueAt()).isNotNull();
        assertThat(sla.ticketSla(t.id(), ClientScope.everything()).problem()).isNull();
        assertThat(sla.calendars(ClientScope.of(List.of(client.id()))).get(0).holidays())
                .extracting(Object::toString)
                .containsExactly("2026-12-24", "2026-12-25");
    }

    @Test
    void anUnreadableCalendarStillGivesDeadlinesAndSaysWhyOnTheTicketAndToAdmins() throws Exception {
        var saved = api.post(
                "/api/v1/sla/calendars", calendar("Office", "\"Europe/Berlin\"", "\"mon-fri 09:00-17:00\"", "[]"));
        long calendarId = saved.json().get("id").asLong();
        policy(calendarId);
        db.execute("update sla.calendar set hours = 'mon-fri 09:00-25:00' where id = ?", calendarId);

        TicketView t = settled(fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId());
        // Every hour counts until the calendar is fixed: never later than business hours would be.
        assertThat(t.slaDueAt()).isEqualTo(t.createdAt().plus(Duration.ofMinutes(60)));
        assertThat(sla.ticketSla(t.id(), ClientScope.everything()).problem())
                .contains("calendar 'Office' cannot be read", "25:00");
        assertThat(sla.problems(ClientScope.of(List.of(client.id())), 10))
                .singleElement()
                .satisfies(p -> assertThat(p.ticketId()).isEqualTo(t.id()));
        assertThat(sla.problems(ClientScope.of(List.of(fixtures.client().id())), 10))
                .isEmpty();

        String page = mvc.perform(get("/tickets/" + t.id()).with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"sla-problem\"", "calendar &#39;Office&#39; cannot be read");
        String adminPage = mvc.perform(get("/admin/sla").with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(adminPage).contains("id=\"sla-problems\"", "#" + t.number(), "cannot be read");

        // The admin fixes the calendar: the ticket gets its business-hours deadline back and the problem goes.
        var fixed = api.put(
                "/api/v1/sla/calendars/" + calendarId,
                calendar("Office", "\"Europe/Berlin\"", "\"mon-fri 09:00-17:00\"", "[]"));
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(sla.ticketSla(t.id(), ClientScope.everything()).problem()).isNull();
        assertThat(sla.problems(ClientScope.of(List.of(client.id())), 10)).isEmpty();
        assertThat(tickets.find(t.id(), ClientScope.everything()).orElseThrow().slaDueAt())
                .isEqualTo(BusinessCalendar.of("Europe/Berlin", "mon-fri 09:00-17:00", java.util.Set.of())
                        .add(t.createdAt(), Duration.ofMinutes(60)));
    }

    private void policy(long calendarId) {
        sla.savePolicy(new SlaPolicyView(
                null,
                client.id(),
                "Office hours",
                1,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                60,
                60,
                null,
                "calendar",
                calendarId));
    }

    private TicketView settled(long ticketId) {
        // Generous: the first pass in a fresh context loads the language models, on a busy machine slowly.
        return await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> tickets.find(ticketId, ClientScope.everything()).orElseThrow(),
                        t -> t.category() != null && t.slaDueAt() != null);
    }
}
