package dev.kontor.drafts.internal;

import static dev.kontor.drafts.db.Tables.CLIENT_SETTING;
import static dev.kontor.drafts.db.Tables.DRAFT;
import static dev.kontor.drafts.db.Tables.MODEL_HEALTH;

import dev.kontor.drafts.ClientDraftSettings;
import dev.kontor.drafts.Draft;
import dev.kontor.drafts.ModelHealth;
import dev.kontor.drafts.ModelPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The drafts made, each client's setting, and the model's health (one row every node updates). */
@Repository
public class DraftRepository {

    private final DSLContext db;

    DraftRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<ClientDraftSettings> settings(long clientId) {
        return db.selectFrom(CLIENT_SETTING)
                .where(CLIENT_SETTING.CLIENT_ID.eq(clientId))
                .fetchOptional(r -> new ClientDraftSettings(
                        clientId,
                        ModelPolicy.fromKey(r.getModelPolicy()).orElse(ModelPolicy.LOCAL_ONLY),
                        List.of(r.getLinkDomains())));
    }

    public void saveSettings(ClientDraftSettings s, Instant now) {
        db.insertInto(CLIENT_SETTING)
                .set(CLIENT_SETTING.CLIENT_ID, s.clientId())
                .set(CLIENT_SETTING.MODEL_POLICY, s.policy().key())
                .set(CLIENT_SETTING.LINK_DOMAINS, s.linkDomains().toArray(String[]::new))
                .set(CLIENT_SETTING.UPDATED_AT, now)
                .onConflict(CLIENT_SETTING.CLIENT_ID)
                .doUpdate()
                .set(CLIENT_SETTING.MODEL_POLICY, s.policy().key())
                .set(CLIENT_SETTING.LINK_DOMAINS, s.linkDomains().toArray(String[]::new))
                .set(CLIENT_SETTING.UPDATED_AT, now)
                .execute();
    }

    /** Records a draft as shown; returns its id. */
    public long record(
            Draft d, long clientId, Long userId, Integer promptTokens, Integer completionTokens, Instant now) {
        return db.insertInto(DRAFT)
                .set(DRAFT.TICKET_ID, d.ticketId())
                .set(DRAFT.CLIENT_ID, clientId)
                .set(DRAFT.USER_ID, userId)
                .set(DRAFT.KIND, d.kind().key())
                .set(DRAFT.LANGUAGE, d.language())
                .set(DRAFT.TEMPLATE_ID, d.templateId())
                .set(DRAFT.MODEL, d.model())
                .set(DRAFT.FALLBACK_REASON, d.fallback())
                .set(DRAFT.FAILURE, d.failure())
                .set(
                        DRAFT.SOURCES,
                        d.sources().stream().map(Draft.Source::asText).toArray(String[]::new))
                .set(DRAFT.FLAGS, d.flags().stream().map(Draft.Flag::asText).toArray(String[]::new))
                .set(DRAFT.BODY, d.text())
                .set(DRAFT.PROMPT_TOKENS, promptTokens)
                .set(DRAFT.COMPLETION_TOKENS, completionTokens)
                .set(DRAFT.CREATED_AT, now)
                .returning(DRAFT.ID)
                .fetchOne(DRAFT.ID);
    }

    /** Counts per kind and how many carried flags, for one client or (null) all. */
    public List<DraftCount> counts(Long clientId) {
        var flagged = DSL.count().filterWhere(DSL.cardinality(DRAFT.FLAGS).gt(0));
        return db.select(DRAFT.KIND, DSL.count(), flagged)
                .from(DRAFT)
                .where(clientId == null ? DSL.noCondition() : DRAFT.CLIENT_ID.eq(clientId))
                .groupBy(DRAFT.KIND)
                .orderBy(DRAFT.KIND)
                .fetch(r -> new DraftCount(r.value1(), r.value2(), r.value3()));
    }

    public record DraftCount(String kind, int drafts, int flagged) {}

    /** The flags of the drafts recorded for a ticket, newest first (for tests and evaluation). */
    public List<String> kindsOf(long ticketId) {
        return db.select(DRAFT.KIND)
                .from(DRAFT)
                .where(DRAFT.TICKET_ID.eq(ticketId))
                .orderBy(DRAFT.ID.desc())
                .fetch(DRAFT.KIND);
    }

    public void modelSucceeded(Instant now) {
        db.update(MODEL_HEALTH)
                .set(MODEL_HEALTH.SUCCESSES, MODEL_HEALTH.SUCCESSES.plus(1))
                .set(MODEL_HEALTH.LAST_SUCCESS_AT, now)
                .where(MODEL_HEALTH.ID.eq((short) 1))
                .execute();
    }

    public void modelFailed(String reason, String detail, Instant now) {
        db.update(MODEL_HEALTH)
                .set(MODEL_HEALTH.FAILURES, MODEL_HEALTH.FAILURES.plus(1))
                .set(MODEL_HEALTH.LAST_FAILURE_AT, now)
                .set(MODEL_HEALTH.LAST_FAILURE, reason)
                .set(MODEL_HEALTH.LAST_FAILURE_DETAIL, detail)
                .where(MODEL_HEALTH.ID.eq((short) 1))
                .execute();
    }

    public ModelHealth health() {
        return db.selectFrom(MODEL_HEALTH)
                .where(MODEL_HEALTH.ID.eq((short) 1))
                .fetchOne(r -> new ModelHealth(
                        r.getSuccesses(),
                        r.getFailures(),
                        r.getLastSuccessAt(),
                        r.getLastFailureAt(),
                        r.getLastFailure(),
                        r.getLastFailureDetail()));
    }
}
