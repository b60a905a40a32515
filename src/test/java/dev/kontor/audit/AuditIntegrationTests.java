package dev.kontor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Sign-ins, admin changes, grants, tokens and exports land in the audit log, which only admins read. */
@KontorIntegrationTest
@AutoConfigureMockMvc
class AuditIntegrationTests {

    static final AtomicInteger ADDRESSES = new AtomicInteger((int) (System.nanoTime() & 0xffff));

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditRetention retention;

    @Autowired
    org.jooq.DSLContext db;

    @Autowired
    java.time.Clock clock;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.200." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token).with(from(newAddress())))
                .andReturn()
                .getResponse();
    }

    List<AuditEntry> about(long userId) {
        return audit.entries(new AuditQuery(null, userId, null, null, 0, 100)).entries();
    }

    void signIn(String email, String password) throws Exception {
        mvc.perform(post("/login")
                .param("username", email)
                .param("password", password)
                .with(csrf())
                .with(from(newAddress())));
    }

    @Test
    void userCreationGrantsAndTokensAreRecordedWithTheAdminWhoDidThem() throws Exception {
        UserView admin = fixtures.admin();
        String token = fixtures.token(admin);
        var client = fixtures.client();
        String email = TestFixtures.unique("audited") + "@example.com";

        var created = call(
                post("/api/v1/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"displayName\":\"Audited\",\"role\":\"AGENT\","
                                + "\"password\":\"long-enough-pw\",\"locale\":\"en\",\"languages\":[\"en\"]}"),
                token);
        long userId = Long.parseLong(created.getContentAsString().replaceAll("^\\{\"id\":(\\d+).*", "$1"));
        call(put("/api/v1/users/" + userId + "/clients/" + client.id()), token);
        call(put("/api/v1/users/" + userId + "/clients/" + client.id()), token);
        call(
                post("/api/v1/users/" + userId + "/api-tokens")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"shop\"}"),
                token);

        List<AuditEntry> entries = about(userId);
        assertThat(entries)
                .extracting(AuditEntry::kind)
                .containsExactly(AuditKind.TOKEN_CREATED, AuditKind.ACCESS_GRANTED, AuditKind.USER_CREATED);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.actorId()).isEqualTo(admin.id());
            assertThat(e.actorName()).contains(admin.email());
            assertThat(e.subjectName()).contains(email);
            assertThat(e.address()).startsWith("10.200.");
        });
        assertThat(entries.get(1).detail()).isEqualTo("client " + client.id());
        assertThat(entries.get(0).detail()).contains("shop").doesNotContain("kt_");
    }

    @Test
    void signInsAndFailedSignInsAreRecordedAndAMadeUpAccountNamesNobody() throws Exception {
        UserView agent = fixtures.agent();
        String madeUp = TestFixtures.unique("nobody") + "@example.com";

        signIn(agent.email(), "wrong");
        signIn(agent.email(), TestFixtures.PASSWORD);
        signIn(madeUp, "wrong");

        assertThat(about(agent.id()))
                .filteredOn(e ->
                        Set.of(AuditKind.SIGNED_IN, AuditKind.SIGN_IN_FAILED).contains(e.kind()))
                .extracting(AuditEntry::kind, AuditEntry::actorId)
                .containsExactly(
                        Tuple.tuple(AuditKind.SIGNED_IN, agent.id()), Tuple.tuple(AuditKind.SIGN_IN_FAILED, null));
        var failures = audit.entries(new AuditQuery(AuditKind.SIGN_IN_FAILED, null, null, null, 0, 500))
                .entries();
        assertThat(failures)
                .filteredOn(e -> e.detail().contains(madeUp))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.subjectId()).isNull();
                    assertThat(e.actorId()).isNull();
                    assertThat(e.detail()).doesNotContain("wrong");
                });
    }

    @Test
    void aSettingsChangeIsRecordedOnTheAdminPageAndThroughTheApiButARejectedFormIsNot() throws Exception {
        UserView admin = fixtures.admin();
        var asAdmin = user(Long.toString(admin.id())).roles("ADMIN");
        String key = TestFixtures.unique("audit");

        mvc.perform(post("/admin/clients")
                .param("key", key)
                .param("name", "Audit GmbH")
                .with(asAdmin)
                .with(csrf()));
        mvc.perform(post("/admin/clients")
                .param("key", "Bad Key!")
                .param("name", "Nope")
                .with(asAdmin)
                .with(csrf()));
        call(
                post("/api/v1/clients")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"" + key + "-api\",\"name\":\"Audit API GmbH\"}"),
                fixtures.token(admin));

        List<AuditEntry> changes = audit.entries(
                        new AuditQuery(AuditKind.SETTINGS_CHANGED, admin.id(), null, null, 0, 10))
                .entries();
        assertThat(changes)
                .extracting(AuditEntry::detail)
                .containsExactly(
                        "POST /api/v1/clients (ClientRestController.createClient)",
                        "POST /admin/clients (AdminClientsController.create)");
    }

    @Test
    void theAdminPageFiltersByKindUserAndDatePagesAndNamesABadDate() throws Exception {
        UserView agent = fixtures.agent();
        for (int i = 0; i < 3; i++) {
            signIn(agent.email(), "wrong " + i);
        }
        String adminToken = fixtures.token(fixtures.admin());
        var asAdmin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        String firstPage = mvc.perform(get("/admin/audit")
                        .param("kind", "SIGN_IN_FAILED")
                        .param("user", Long.toString(agent.id()))
                        .param("from", today)
                        .param("to", today)
                        .with(asAdmin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String future = mvc.perform(get("/admin/audit")
                        .param("user", Long.toString(agent.id()))
                        .param("from", "2999-01-01")
                        .with(asAdmin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var badDate = mvc.perform(
                        get("/admin/audit").param("from", "2026-13-45").with(asAdmin))
                .andReturn()
                .getResponse();
        var api = call(get("/api/v1/audit?userId=" + agent.id() + "&size=2"), adminToken);
        var secondPage = call(get("/api/v1/audit?userId=" + agent.id() + "&size=2&page=1"), adminToken);

        assertThat(firstPage).contains("id=\"audit-entries\"", agent.email());
        assertThat(firstPage.split("data-kind=\"sign_in_failed\"", -1)).hasSize(4);
        assertThat(future).contains("No entries.");
        assertThat(badDate.getStatus()).isEqualTo(200);
        assertThat(badDate.getContentAsString()).contains("is not a date");
        assertThat(api.getContentAsString()).contains("\"hasNext\":true");
        assertThat(secondPage.getContentAsString()).contains("\"hasNext\":false", "\"page\":1");
    }

    @Test
    void theApiNamesAnUnknownKindOrABadDate() throws Exception {
        String token = fixtures.token(fixtures.admin());

        var kind = call(get("/api/v1/audit?kind=HACKED"), token);
        var date = call(get("/api/v1/audit?from=yesterday"), token);

        assertThat(kind.getStatus()).isEqualTo(400);
        assertThat(kind.getContentAsString()).contains("\"field\":\"kind\"");
        assertThat(date.getStatus()).isEqualTo(400);
        assertThat(date.getContentAsString()).contains("\"field\":\"from\"");
    }

    @Test
    void theCsvExportHoldsTheFilteredEntriesAndIsItselfRecorded() throws Exception {
        UserView admin = fixtures.admin();
        UserView agent = fixtures.agent();
        signIn(agent.email(), "wrong");

        String csv = call(get("/api/v1/audit/export.csv?userId=" + agent.id()), fixtures.token(admin))
                .getContentAsString();
        String page = mvc.perform(get("/admin/audit/export.csv")
                        .param("user", Long.toString(agent.id()))
                        .with(user(Long.toString(admin.id())).roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv).startsWith("id,at,kind,actor_id,actor,subject_id,subject,address,detail");
        assertThat(csv)
                .contains(",user_created,", ",sign_in_failed,", agent.email().toLowerCase());
        assertThat(page).isEqualTo(csv);
        assertThat(audit.entries(new AuditQuery(AuditKind.EXPORTED, admin.id(), null, null, 0, 10))
                        .entries())
                .extracting(AuditEntry::detail)
                .containsExactly(
                        "audit.csv, 2 rows (user " + agent.id() + ")", "audit.csv, 2 rows (user " + agent.id() + ")");
    }

    @Test
    void anInboxExportIsRecordedForTheAgent() throws Exception {
        UserView agent = fixtures.agent(fixtures.client());

        mvc.perform(get("/inbox/export.csv")
                        .param("view", "all")
                        .with(user(Long.toString(agent.id())).roles("AGENT")))
                .andReturn();

        assertThat(about(agent.id()))
                .filteredOn(e -> e.kind() == AuditKind.EXPORTED)
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("tickets.csv, 0 rows (view all"));
    }

    @Test
    void onlyAdminsReadTheAuditLog() throws Exception {
        UserView agent = fixtures.agent();

        int api = call(get("/api/v1/audit"), fixtures.token(agent)).getStatus();
        int page = mvc.perform(
                        get("/admin/audit").with(user(Long.toString(agent.id())).roles("AGENT")))
                .andReturn()
                .getResponse()
                .getStatus();

        assertThat(api).isEqualTo(403);
        assertThat(page).isEqualTo(403);
    }

    @Test
    void entriesOlderThanTheRetentionAreDeletedAndTheDeletionIsItselfRecorded() {
        String old = TestFixtures.unique("old entry");
        String kept = TestFixtures.unique("kept entry");
        var now = clock.instant();
        var entry = dev.kontor.audit.db.Tables.ENTRY;
        db.insertInto(entry, entry.AT, entry.KIND, entry.DETAIL)
                .values(now.minus(java.time.Duration.ofDays(731)), "settings_changed", old)
                .values(now.minus(java.time.Duration.ofDays(700)), "settings_changed", kept)
                .execute();

        assertThat(retention.prune()).isPositive();

        assertThat(db.fetchCount(db.selectFrom("audit.entry").where("detail = ?", old)))
                .isZero();
        assertThat(db.fetchCount(db.selectFrom("audit.entry").where("detail = ?", kept)))
                .isOne();
        assertThat(audit.entries(new AuditQuery(AuditKind.PRUNED, null, null, null, 0, 5))
                        .entries())
                .first()
                .satisfies(e -> assertThat(e.detail()).contains("retention 730 days"));
        assertThat(retention.prune()).isZero();
    }
}
