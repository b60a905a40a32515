package dev.kontor.accounts;

import static dev.kontor.accounts.db.Tables.API_TOKEN;
import static dev.kontor.accounts.db.Tables.APP_USER;
import static dev.kontor.accounts.db.Tables.CLIENT_ACCESS;
import static dev.kontor.accounts.db.Tables.TEAM;
import static dev.kontor.accounts.db.Tables.TEAM_MEMBER;
import static dev.kontor.accounts.db.Tables.USER_LANGUAGE;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.select;

import dev.kontor.accounts.AccountCommands.CreateTeam;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountCommands.FirstAdmin;
import dev.kontor.accounts.AccountCommands.UpdateTeam;
import dev.kontor.accounts.AccountCommands.UpdateUser;
import dev.kontor.accounts.db.tables.records.AppUserRecord;
import dev.kontor.accounts.db.tables.records.TeamRecord;
import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.BatchMemo;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.EmailAddress;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their roles, languages, client access and API tokens; teams. */
@Service
@Transactional
public class AccountManagement {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Clock clock;
    private final PasswordEncoder passwords;
    private final ClientManagement clients;
    private final AuditLog audit;

    AccountManagement(DSLContext db, Clock clock, PasswordEncoder passwords, ClientManagement clients, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.passwords = passwords;
        this.clients = clients;
        this.audit = audit;
    }

    public UserView createUser(CreateUser command) {
        AppUserRecord user = db.newRecord(APP_USER);
        user.setEmail(new EmailAddress(command.email()).value());
        user.setDisplayName(command.displayName().strip());
        user.setRole(command.role().key());
        user.setLocale(command.locale() == null ? "en" : command.locale());
        user.setPasswordHash(command.password() == null ? null : passwords.encode(command.password()));
        user.setActive(true);
        user.setCreatedAt(clock.instant());
        try {
            user.store();
        } catch (DuplicateKeyException e) {
            throw InvalidInput.of("email", "is already used by another user");
        }
        audit.record(AuditKind.USER_CREATED, user.getId(), user.getEmail() + ", role " + user.getRole());
        replaceLanguages(user.getId(), command.languages());
        if (command.clientIds() != null) {
            command.clientIds().forEach(clientId -> grant(user.getId(), clientId));
        }
        return user(user.getId());
    }

    public UserView updateUser(long id, UpdateUser command) {
        AppUserRecord user = userRecord(id);
        user.setDisplayName(command.displayName().strip());
        user.setRole(command.role().key());
        if (command.locale() != null) {
            user.setLocale(command.locale());
        }
        user.setActive(command.active());
        String changes = changes(user);
        if (!changes.isEmpty()) {
            audit.record(AuditKind.USER_CHANGED, id, changes);
        }
        user.store();
        if (command.languages() != null) {
            replaceLanguages(id, command.languages());
        }
        return user(id);
    }

    public void setPassword(long id, String password) {
        AppUserRecord user = userRecord(id);
        user.setPasswordHash(passwords.encode(password));
        user.store();
        audit.record(AuditKind.PASSWORD_SET, id, user.getEmail());
    }

    public void grant(long userId, long clientId) {
        userRecord(userId);
        if (clients.client(clientId).isEmpty()) {
            throw InvalidInput.of("clientId", "unknown client");
        }
        int granted = db.insertInto(CLIENT_ACCESS)
                .set(CLIENT_ACCESS.USER_ID, userId)
                .set(CLIENT_ACCESS.CLIENT_ID, clientId)
                .set(CLIENT_ACCESS.GRANTED_AT, clock.instant())
                .onConflictDoNothing()
                .execute();
        if (granted > 0) {
            audit.record(AuditKind.ACCESS_GRANTED, userId, "client " + clientId);
        }
    }

    public void revoke(long userId, long clientId) {
        userRecord(userId);
        int revoked = db.deleteFrom(CLIENT_ACCESS)
                .where(CLIENT_ACCESS.USER_ID.eq(userId).and(CLIENT_ACCESS.CLIENT_ID.eq(clientId)))
                .execute();
        if (revoked > 0) {
            audit.record(AuditKind.ACCESS_REVOKED, userId, "client " + clientId);
        }
    }

    /** Grants exactly these clients: new ones are granted, missing ones revoked. */
    public UserView setClientAccess(long userId, Set<Long> clientIds) {
        Set<Long> wanted = clientIds == null ? Set.of() : Set.copyOf(clientIds);
        UserView user = user(userId);
        for (Long clientId : user.clientIds()) {
            if (!wanted.contains(clientId)) {
                revoke(userId, clientId);
            }
        }
        for (Long clientId : wanted) {
            if (!user.clientIds().contains(clientId)) {
                grant(userId, clientId);
            }
        }
        return user(userId);
    }

    @Transactional(readOnly = true)
    public List<UserView> users() {
        List<Long> ids = db.select(APP_USER.ID)
                .from(APP_USER)
                .orderBy(APP_USER.DISPLAY_NAME)
                .fetch(APP_USER.ID);
        return views(ids);
    }

    /** Names only, for lists: one query, however many users. */
    @Transactional(readOnly = true)
    public Map<Long, String> displayNames(Collection<Long> ids) {
        return db.select(APP_USER.ID, APP_USER.DISPLAY_NAME)
                .from(APP_USER)
                .where(APP_USER.ID.in(ids))
                .fetchMap(APP_USER.ID, APP_USER.DISPLAY_NAME);
    }

    @Transactional(readOnly = true)
    public UserView user(long id) {
        List<UserView> found = BatchMemo.remember(List.of("accounts.user", id), () -> views(List.of(id)));
        if (found.isEmpty()) {
            throw new NotFound("user " + id);
        }
        return found.get(0);
    }

    @Transactional(readOnly = true)
    public Optional<UserView> userByEmail(String email) {
        return db.select(APP_USER.ID)
                .from(APP_USER)
                .where(lower(APP_USER.EMAIL).eq(email.strip().toLowerCase()))
                .fetchOptional(APP_USER.ID)
                .map(this::user);
    }

    /** Users who may work on the given client's tickets: admins and everyone granted that client. */
    @Transactional(readOnly = true)
    public List<UserView> usersServing(long clientId) {
        return BatchMemo.remember(List.of("accounts.usersServing", clientId), () -> loadUsersServing(clientId));
    }

    private List<UserView> loadUsersServing(long clientId) {
        List<Long> ids = db.select(APP_USER.ID)
                .from(APP_USER)
                .where(APP_USER.ACTIVE.isTrue())
                .and(APP_USER.ROLE
                        .eq(Role.ADMIN.key())
                        .or(APP_USER.ID.in(select(CLIENT_ACCESS.USER_ID)
                                .from(CLIENT_ACCESS)
                                .where(CLIENT_ACCESS.CLIENT_ID.eq(clientId)))))
                .orderBy(APP_USER.DISPLAY_NAME)
                .fetch(APP_USER.ID);
        return views(ids);
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return db.fetchExists(APP_USER);
    }

    /** The signed-in user with the clients they may see; empty when the user was removed or deactivated. */
    @Transactional(readOnly = true)
    public Optional<CurrentUser> currentUser(long id) {
        AppUserRecord user = db.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOne();
        if (user == null || !user.getActive()) {
            return Optional.empty();
        }
        Role role = Role.fromKey(user.getRole()).orElseThrow();
        ClientScope scope = role == Role.ADMIN
                ? ClientScope.everything()
                : ClientScope.of(db.select(CLIENT_ACCESS.CLIENT_ID)
                        .from(CLIENT_ACCESS)
                        .where(CLIENT_ACCESS.USER_ID.eq(id))
                        .fetch(CLIENT_ACCESS.CLIENT_ID));
        return Optional.of(new CurrentUser(id, user.getEmail(), user.getDisplayName(), role, user.getLocale(), scope));
    }

    /** Login data for Spring Security: id and password hash of an active user. */
    @Transactional(readOnly = true)
    public Optional<Credentials> credentials(String email) {
        return db.selectFrom(APP_USER)
                .where(lower(APP_USER.EMAIL).eq(email.strip().toLowerCase()))
                .fetchOptional(r -> new Credentials(r.getId(), r.getEmail(), r.getPasswordHash(), r.getActive()));
    }

    public record Credentials(long userId, String email, String passwordHash, boolean active) {}

    /**
     * Creates the first admin. Serialised with an advisory lock so that two nodes starting together, or two
     * people on the setup page, create exactly one.
     */
    public Optional<UserView> createFirstAdmin(FirstAdmin command) {
        db.execute("select pg_advisory_xact_lock(74201)");
        if (hasUsers()) {
            return Optional.empty();
        }
        return Optional.of(createUser(new CreateUser(
                command.email(),
                command.displayName(),
                Role.ADMIN,
                command.password(),
                "en",
                List.of("en"),
                Set.of())));
    }

    public TeamView createTeam(CreateTeam command) {
        TeamRecord team = db.newRecord(TEAM);
        team.setName(command.name().strip());
        team.setCreatedAt(clock.instant());
        try {
            team.store();
        } catch (DuplicateKeyException e) {
            throw InvalidInput.of("name", "is already used by another team");
        }
        replaceMembers(team.getId(), command.memberIds());
        audit.record(AuditKind.TEAM_CHANGED, null, "team " + team.getId() + " created: " + team.getName());
        return team(team.getId());
    }

    public TeamView updateTeam(long id, UpdateTeam command) {
        TeamRecord team =
                db.selectFrom(TEAM).where(TEAM.ID.eq(id)).fetchOptional().orElseThrow(() -> new NotFound("team " + id));
        team.setName(command.name().strip());
        try {
            team.store();
        } catch (DuplicateKeyException e) {
            throw InvalidInput.of("name", "is already used by another team");
        }
        if (command.memberIds() != null) {
            replaceMembers(id, command.memberIds());
        }
        audit.record(AuditKind.TEAM_CHANGED, null, "team " + id + " changed: " + team.getName());
        return team(id);
    }

    @Transactional(readOnly = true)
    public List<TeamView> teams() {
        return BatchMemo.remember(List.of("accounts.teams"), this::loadTeams);
    }

    private List<TeamView> loadTeams() {
        Map<Long, Set<Long>> members = db.selectFrom(TEAM_MEMBER).fetchGroups(TEAM_MEMBER.TEAM_ID).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream().map(m -> m.getUserId()).collect(Collectors.toSet())));
        return db.selectFrom(TEAM)
                .orderBy(TEAM.NAME)
                .fetch(t -> new TeamView(t.getId(), t.getName(), members.getOrDefault(t.getId(), Set.of())));
    }

    @Transactional(readOnly = true)
    public TeamView team(long id) {
        return BatchMemo.remember(List.of("accounts.team", id), () -> loadTeam(id));
    }

    private TeamView loadTeam(long id) {
        TeamRecord team =
                db.selectFrom(TEAM).where(TEAM.ID.eq(id)).fetchOptional().orElseThrow(() -> new NotFound("team " + id));
        Set<Long> members = Set.copyOf(db.select(TEAM_MEMBER.USER_ID)
                .from(TEAM_MEMBER)
                .where(TEAM_MEMBER.TEAM_ID.eq(id))
                .fetch(TEAM_MEMBER.USER_ID));
        return new TeamView(team.getId(), team.getName(), members);
    }

    /** Creates a token for scripts and integrations; the plain token is in the answer and stored only hashed. */
    public ApiTokenView createApiToken(long userId, String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "kt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return storeToken(userId, name, token);
    }

    /** Makes a token given from outside (KONTOR_ADMIN_API_TOKEN) valid for the user, once. */
    public void ensureApiToken(long userId, String name, String token) {
        if (db.fetchExists(API_TOKEN, API_TOKEN.TOKEN_SHA256.eq(sha256(token)))) {
            return;
        }
        storeToken(userId, name, token);
    }

    public void revokeApiToken(long userId, long tokenId) {
        int deleted = db.deleteFrom(API_TOKEN)
                .where(API_TOKEN.ID.eq(tokenId).and(API_TOKEN.USER_ID.eq(userId)))
                .execute();
        if (deleted == 0) {
            throw new NotFound("API token " + tokenId);
        }
        audit.record(AuditKind.TOKEN_REVOKED, userId, "token " + tokenId);
    }

    @Transactional(readOnly = true)
    public List<ApiTokenView> apiTokens(long userId) {
        return db.selectFrom(API_TOKEN)
                .where(API_TOKEN.USER_ID.eq(userId))
                .orderBy(API_TOKEN.ID)
                .fetch(t -> new ApiTokenView(
                        t.getId(), t.getUserId(), t.getName(), t.getCreatedAt(), t.getLastUsedAt(), null));
    }

    /** The active user a bearer token belongs to. */
    public Optional<Long> authenticateToken(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        var row = db.select(API_TOKEN.ID, API_TOKEN.USER_ID, API_TOKEN.LAST_USED_AT)
                .from(API_TOKEN)
                .join(APP_USER)
                .on(APP_USER.ID.eq(API_TOKEN.USER_ID))
                .where(API_TOKEN.TOKEN_SHA256.eq(sha256(token)).and(APP_USER.ACTIVE.isTrue()))
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        var now = clock.instant();
        // Record use at most once a minute: a busy integration must not turn every call into a write.
        if (row.value3() == null || row.value3().isBefore(now.minusSeconds(60))) {
            db.update(API_TOKEN)
                    .set(API_TOKEN.LAST_USED_AT, now)
                    .where(API_TOKEN.ID.eq(row.value1()))
                    .execute();
        }
        return Optional.of(row.value2());
    }

    private ApiTokenView storeToken(long userId, String name, String token) {
        userRecord(userId);
        var record = db.newRecord(API_TOKEN);
        record.setUserId(userId);
        record.setName(name);
        record.setTokenSha256(sha256(token));
        record.setCreatedAt(clock.instant());
        record.store();
        audit.record(AuditKind.TOKEN_CREATED, userId, "token " + record.getId() + ": " + name);
        return new ApiTokenView(record.getId(), userId, name, record.getCreatedAt(), null, token);
    }

    private static String changes(AppUserRecord user) {
        List<String> changed = new java.util.ArrayList<>();
        for (var field : user.fields()) {
            if (user.changed(field)
                    && !field.equals(APP_USER.PASSWORD_HASH)
                    && !java.util.Objects.equals(user.original(field), user.get(field))) {
                changed.add(field.getName() + " " + user.original(field) + " → " + user.get(field));
            }
        }
        return String.join(", ", changed);
    }

    private AppUserRecord userRecord(long id) {
        return db.selectFrom(APP_USER)
                .where(APP_USER.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> new NotFound("user " + id));
    }

    private void replaceLanguages(long userId, Collection<String> languages) {
        db.deleteFrom(USER_LANGUAGE).where(USER_LANGUAGE.USER_ID.eq(userId)).execute();
        if (languages != null) {
            for (String language : Set.copyOf(languages)) {
                db.insertInto(USER_LANGUAGE)
                        .set(USER_LANGUAGE.USER_ID, userId)
                        .set(USER_LANGUAGE.LANGUAGE, language)
                        .execute();
            }
        }
    }

    private void replaceMembers(long teamId, Collection<Long> memberIds) {
        db.deleteFrom(TEAM_MEMBER).where(TEAM_MEMBER.TEAM_ID.eq(teamId)).execute();
        if (memberIds != null) {
            for (Long userId : Set.copyOf(memberIds)) {
                if (!db.fetchExists(APP_USER, APP_USER.ID.eq(userId))) {
                    throw InvalidInput.of("memberIds", "unknown user " + userId);
                }
                db.insertInto(TEAM_MEMBER)
                        .set(TEAM_MEMBER.TEAM_ID, teamId)
                        .set(TEAM_MEMBER.USER_ID, userId)
                        .execute();
            }
        }
    }

    private List<UserView> views(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> languages = db.selectFrom(USER_LANGUAGE)
                .where(USER_LANGUAGE.USER_ID.in(ids))
                .orderBy(USER_LANGUAGE.LANGUAGE)
                .fetchGroups(USER_LANGUAGE.USER_ID, USER_LANGUAGE.LANGUAGE);
        Map<Long, List<Long>> access = db.selectFrom(CLIENT_ACCESS)
                .where(CLIENT_ACCESS.USER_ID.in(ids))
                .fetchGroups(CLIENT_ACCESS.USER_ID, CLIENT_ACCESS.CLIENT_ID);
        Map<Long, List<Long>> teams = db.selectFrom(TEAM_MEMBER)
                .where(TEAM_MEMBER.USER_ID.in(ids))
                .fetchGroups(TEAM_MEMBER.USER_ID, TEAM_MEMBER.TEAM_ID);
        Map<Long, AppUserRecord> users =
                db.selectFrom(APP_USER).where(APP_USER.ID.in(ids)).fetchMap(APP_USER.ID);
        return ids.stream()
                .filter(users::containsKey)
                .map(users::get)
                .map(u -> new UserView(
                        u.getId(),
                        u.getEmail(),
                        u.getDisplayName(),
                        Role.fromKey(u.getRole()).orElseThrow(),
                        u.getLocale(),
                        u.getActive(),
                        languages.getOrDefault(u.getId(), List.of()),
                        Set.copyOf(access.getOrDefault(u.getId(), List.of())),
                        Set.copyOf(teams.getOrDefault(u.getId(), List.of()))))
                .toList();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
