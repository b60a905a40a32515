package dev.kontor.customers;

import static dev.kontor.customers.db.Tables.CUSTOMER;
import static dev.kontor.customers.db.Tables.IDENTITY;

import dev.kontor.shared.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds or creates many customers at once (a history import): known by their e-mail or by their id in the
 * helpdesk the import comes from (identity kind {@code external}, value {@code source:id}). Set-based, and
 * serialised per identity with the same advisory locks as {@link CustomerManagement#resolve}, so a live message of
 * the same customer arriving meanwhile never creates a second one.
 */
@Service
public class CustomerImport {

    static final String EXTERNAL = "external";

    private final DSLContext db;
    private final Clock clock;

    CustomerImport(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A customer as an export names them; at least one of e-mail and external id. */
    public record Contact(String email, String name, String externalId) {
        public Contact {
            email = email == null || email.isBlank()
                    ? null
                    : Text.clean(email).strip().toLowerCase();
            name = Text.clean(name);
            externalId = externalId == null || externalId.isBlank()
                    ? null
                    : Text.clean(externalId).strip();
        }
    }

    /** The customer id of each contact (by the contact's value), created where unknown. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<Contact, Long> resolveAll(long clientId, String source, Collection<Contact> contacts) {
        Map<Contact, Long> result = new LinkedHashMap<>();
        if (contacts.isEmpty()) {
            return result;
        }
        TreeSet<String> lockKeys = new TreeSet<>();
        List<String> emails = new ArrayList<>();
        List<String> externals = new ArrayList<>();
        for (Contact c : contacts) {
            if (c.email() != null) {
                lockKeys.add(clientId + "/email/" + c.email());
                emails.add(c.email());
            }
            if (c.externalId() != null) {
                String value = source + ":" + c.externalId();
                lockKeys.add(clientId + "/" + EXTERNAL + "/" + value);
                externals.add(value);
            }
        }
        // In a fixed order, so two imports locking overlapping sets cannot deadlock.
        db.execute(
                "select count(pg_advisory_xact_lock(hashtext(k))) from (select unnest(?::text[]) k order by 1) s",
                (Object) lockKeys.toArray(String[]::new));
        Map<String, Long> byEmail = new HashMap<>();
        Map<String, Long> byExternal = new HashMap<>();
        db.select(IDENTITY.KIND, IDENTITY.VALUE, IDENTITY.CUSTOMER_ID)
                .from(IDENTITY)
                .where(IDENTITY.CLIENT_ID.eq(clientId))
                .and(IDENTITY.KIND
                        .eq("email")
                        .and(IDENTITY.VALUE.eq(DSL.any(emails.toArray(String[]::new))))
                        .or(IDENTITY.KIND
                                .eq(EXTERNAL)
                                .and(IDENTITY.VALUE.eq(DSL.any(externals.toArray(String[]::new))))))
                .forEach(r -> (r.value1().equals("email") ? byEmail : byExternal).put(r.value2(), r.value3()));

        List<Contact> missing = new ArrayList<>();
        Map<String, Contact> creating = new LinkedHashMap<>();
        for (Contact c : contacts) {
            Long id = c.externalId() != null ? byExternal.get(source + ":" + c.externalId()) : null;
            if (id == null && c.email() != null) {
                id = byEmail.get(c.email());
            }
            if (id != null) {
                result.put(c, id);
            } else if (creating.putIfAbsent(key(c), c) == null) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            Instant now = clock.instant();
            var insert = db.insertInto(
                    CUSTOMER, CUSTOMER.CLIENT_ID, CUSTOMER.DISPLAY_NAME, CUSTOMER.TIER, CUSTOMER.CREATED_AT);
            for (Contact c : missing) {
                insert = insert.values(clientId, displayName(c), "standard", now);
            }
            // Rows come back in the order of the values.
            List<Long> ids = insert.returningResult(CUSTOMER.ID).fetch(r -> r.value1());
            var identities =
                    db.insertInto(IDENTITY, IDENTITY.CUSTOMER_ID, IDENTITY.CLIENT_ID, IDENTITY.KIND, IDENTITY.VALUE);
            Map<String, Long> created = new HashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                Contact c = missing.get(i);
                long id = ids.get(i);
                created.put(key(c), id);
                boolean emailTaken = c.email() != null && byEmail.containsKey(c.email());
                if (c.email() != null && !emailTaken) {
                    identities = identities.values(id, clientId, "email", c.email());
                    byEmail.put(c.email(), id);
                }
                if (c.externalId() != null) {
                    identities = identities.values(id, clientId, EXTERNAL, source + ":" + c.externalId());
                }
            }
            identities.onConflictDoNothing().execute();
            for (Contact c : contacts) {
                result.putIfAbsent(c, created.get(key(c)));
            }
        }
        return result;
    }

    private static String key(Contact c) {
        return c.externalId() != null ? "x:" + c.externalId() : "e:" + c.email();
    }

    private static String displayName(Contact c) {
        String name = c.name() != null && !c.name().isBlank()
                ? c.name().strip()
                : c.email() != null ? c.email() : c.externalId();
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
