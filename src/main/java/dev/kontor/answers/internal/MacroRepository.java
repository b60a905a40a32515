package dev.kontor.answers.internal;

import static dev.kontor.answers.db.Tables.MACRO;

import dev.kontor.answers.AnswerCommands.SaveMacro;
import dev.kontor.answers.MacroView;
import dev.kontor.answers.db.tables.records.MacroRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Macros. */
@Repository
public class MacroRepository {

    private final DSLContext db;

    MacroRepository(DSLContext db) {
        this.db = db;
    }

    public long insert(SaveMacro m, Instant now) {
        MacroRecord r = db.newRecord(MACRO);
        r.setClientId(m.clientId());
        r.setCreatedAt(now);
        fill(r, m, now);
        r.store();
        return r.getId();
    }

    public void update(long id, SaveMacro m, Instant now) {
        MacroRecord r = db.fetchSingle(MACRO, MACRO.ID.eq(id));
        fill(r, m, now);
        r.store();
    }

    private static void fill(MacroRecord r, SaveMacro m, Instant now) {
        r.setName(m.name());
        r.setTemplateId(m.templateId());
        r.setAddTags(m.addTags().toArray(String[]::new));
        r.setRemoveTags(m.removeTags().toArray(String[]::new));
        r.setStatus(m.status());
        r.setPriority(m.priority());
        r.setCategory(m.category());
        r.setTeamId(m.teamId());
        r.setAssigneeId(m.assigneeId());
        r.setNote(m.note());
        r.setUpdatedAt(now);
    }

    public void delete(long id) {
        db.deleteFrom(MACRO).where(MACRO.ID.eq(id)).execute();
    }

    public void used(long id) {
        db.update(MACRO)
                .set(MACRO.USAGE_COUNT, MACRO.USAGE_COUNT.plus(1))
                .where(MACRO.ID.eq(id))
                .execute();
    }

    public Optional<MacroView> find(long id) {
        return db.selectFrom(MACRO).where(MACRO.ID.eq(id)).fetchOptional(MacroRepository::view);
    }

    public Optional<Long> idByName(long clientId, String name) {
        return db.select(MACRO.ID)
                .from(MACRO)
                .where(MACRO.CLIENT_ID.eq(clientId))
                .and(MACRO.NAME.eq(name))
                .fetchOptional(MACRO.ID);
    }

    /** The macros of these clients (all when null), by name. */
    public List<MacroView> ofClients(Collection<Long> clientIds) {
        return db.selectFrom(MACRO)
                .where(clientIds == null ? DSL.trueCondition() : MACRO.CLIENT_ID.in(clientIds))
                .orderBy(MACRO.CLIENT_ID, MACRO.USAGE_COUNT.desc(), MACRO.NAME)
                .fetch(MacroRepository::view);
    }

    private static MacroView view(MacroRecord r) {
        return new MacroView(
                r.getId(),
                r.getClientId(),
                r.getName(),
                r.getTemplateId(),
                List.of(r.getAddTags()),
                List.of(r.getRemoveTags()),
                r.getStatus(),
                r.getPriority(),
                r.getCategory(),
                r.getTeamId(),
                r.getAssigneeId(),
                r.getNote(),
                r.getUsageCount(),
                r.getUpdatedAt());
    }
}
