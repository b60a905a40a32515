package dev.kontor.accounts;

import static dev.kontor.accounts.db.Tables.APP_USER;

import dev.kontor.audit.UserNames;
import java.util.Collection;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Names users in the audit trail as "Name <e-mail>", in one query per page. */
@Component
class AuditUserNames implements UserNames {

    private final DSLContext db;

    AuditUserNames(DSLContext db) {
        this.db = db;
    }

    @Override
    public Map<Long, String> names(Collection<Long> ids) {
        return db.select(APP_USER.ID, APP_USER.DISPLAY_NAME, APP_USER.EMAIL)
                .from(APP_USER)
                .where(APP_USER.ID.in(ids))
                .fetchMap(r -> r.value1(), r -> r.value2() + " <" + r.value3() + ">");
    }
}
