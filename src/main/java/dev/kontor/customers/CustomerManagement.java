package dev.kontor.customers;

import static dev.kontor.customers.db.Tables.CUSTOMER;
import static dev.kontor.customers.db.Tables.IDENTITY;

import dev.kontor.shared.ClientScope;
import dev.kontor.shared.Text;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds or creates the customer behind an identity; each client company has its own customers. */
@Service
@Transactional
public class CustomerManagement {

    private final DSLContext db;
    private final Clock clock;

    CustomerManagement(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The customer known to the client by this identity, created on first contact. Concurrent first contacts
     * (two messages of a new customer arriving on two nodes) are serialised per identity by an advisory lock.
     */
    public CustomerView resolve(long clientId, String kind, String value, String displayName) {
        // Identities and names come from channels: cleaned like all channel text (see Text), never refused.
        value = Text.clean(value);
        displayName = Text.clean(displayName);
        String normalized = kind.equals("email") ? value.strip().toLowerCase() : value.strip();
        db.execute("select pg_advisory_xact_lock(hashtext(?))", clientId + "/" + kind + "/" + normalized);
        Long existing = db.select(IDENTITY.CUSTOMER_ID)
                .from(IDENTITY)
                .where(IDENTITY.CLIENT_ID
                        .eq(clientId)
                        .and(IDENTITY.KIND.eq(kind))
                        .and(IDENTITY.VALUE.eq(normalized)))
                .fetchOne(IDENTITY.CUSTOMER_ID);
        if (existing != null) {
            return customer(existing).orElseThrow();
        }
        String name = displayName == null || displayName.isBlank() ? normalized : displayName.strip();
        long id = db.insertInto(CUSTOMER)
                .set(CUSTOMER.CLIENT_ID, clientId)
                .set(CUSTOMER.DISPLAY_NAME, name.length() > 200 ? name.substring(0, 200) : name)
                .set(CUSTOMER.TIER, "standard")
                .set(CUSTOMER.CREATED_AT, clock.instant())
                .returning(CUSTOMER.ID)
                .fetchOne(CUSTOMER.ID);
        db.insertInto(IDENTITY)
                .set(IDENTITY.CUSTOMER_ID, id)
                .set(IDENTITY.CLIENT_ID, clientId)
                .set(IDENTITY.KIND, kind)
                .set(IDENTITY.VALUE, normalized)
                .execute();
        return customer(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<CustomerView> customer(long id) {
        return customers(List.of(id)).values().stream().findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<CustomerView> customer(long id, ClientScope scope) {
        return customer(id).filter(c -> scope.permits(c.clientId()));
    }

    @Transactional(readOnly = true)
    public Map<Long, CustomerView> customers(Collection<Long> ids) {
        Map<Long, List<CustomerView.Identity>> identities = db.selectFrom(IDENTITY)
                .where(IDENTITY.CUSTOMER_ID.in(ids))
                .orderBy(IDENTITY.ID)
                .fetchGroups(IDENTITY.CUSTOMER_ID, r -> new CustomerView.Identity(r.getKind(), r.getValue()));
        return db.selectFrom(CUSTOMER)
                .where(CUSTOMER.ID.in(ids))
                .fetchMap(
                        CUSTOMER.ID,
                        r -> new CustomerView(
                                r.getId(),
                                r.getClientId(),
                                r.getDisplayName(),
                                r.getTier(),
                                identities.getOrDefault(r.getId(), List.of())));
    }

    /** Names only, for lists: one query, however many customers. */
    @Transactional(readOnly = true)
    public Map<Long, String> displayNames(Collection<Long> ids) {
        return db.select(CUSTOMER.ID, CUSTOMER.DISPLAY_NAME)
                .from(CUSTOMER)
                .where(CUSTOMER.ID.in(ids))
                .fetchMap(CUSTOMER.ID, CUSTOMER.DISPLAY_NAME);
    }
}
