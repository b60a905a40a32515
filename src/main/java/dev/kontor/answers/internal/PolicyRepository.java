package dev.kontor.answers.internal;

import static dev.kontor.answers.db.Tables.CLIENT_POLICY;
import static dev.kontor.answers.db.Tables.STORE_SIGNATURE;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Store signatures per language and the client's return window: what placeholders need beyond the ticket. */
@Repository
public class PolicyRepository {

    /** The signature for every language that has none of its own. */
    public static final String ANY_LANGUAGE = "*";

    private final DSLContext db;

    PolicyRepository(DSLContext db) {
        this.db = db;
    }

    /** The store's signature in the language, else its signature for every language. */
    public Optional<String> signature(long storeId, String language) {
        return db.select(STORE_SIGNATURE.SIGNATURE)
                .from(STORE_SIGNATURE)
                .where(STORE_SIGNATURE.STORE_ID.eq(storeId))
                .and(STORE_SIGNATURE.LANGUAGE.in(language, ANY_LANGUAGE))
                .orderBy(DSL.when(STORE_SIGNATURE.LANGUAGE.eq(ANY_LANGUAGE), 1).otherwise(0))
                .limit(1)
                .fetchOptional(STORE_SIGNATURE.SIGNATURE);
    }

    public Map<String, String> signatures(long storeId) {
        return db
                .selectFrom(STORE_SIGNATURE)
                .where(STORE_SIGNATURE.STORE_ID.eq(storeId))
                .orderBy(STORE_SIGNATURE.LANGUAGE)
                .fetch()
                .stream()
                .collect(Collectors.toMap(
                        r -> r.getLanguage(), r -> r.getSignature(), (a, b) -> a, java.util.TreeMap::new));
    }

    public void replaceSignatures(long storeId, Map<String, String> signatures) {
        db.deleteFrom(STORE_SIGNATURE)
                .where(STORE_SIGNATURE.STORE_ID.eq(storeId))
                .execute();
        signatures.forEach((language, text) -> db.insertInto(STORE_SIGNATURE)
                .set(STORE_SIGNATURE.STORE_ID, storeId)
                .set(STORE_SIGNATURE.LANGUAGE, language)
                .set(STORE_SIGNATURE.SIGNATURE, text)
                .execute());
    }

    public Optional<Integer> returnDays(long clientId) {
        return db.select(CLIENT_POLICY.RETURN_DAYS)
                .from(CLIENT_POLICY)
                .where(CLIENT_POLICY.CLIENT_ID.eq(clientId))
                .fetchOptional(CLIENT_POLICY.RETURN_DAYS);
    }

    /** Sets the return window in days, or forgets it (null). */
    public void setReturnDays(long clientId, Integer days) {
        if (days == null) {
            db.deleteFrom(CLIENT_POLICY)
                    .where(CLIENT_POLICY.CLIENT_ID.eq(clientId))
                    .execute();
            return;
        }
        db.insertInto(CLIENT_POLICY)
                .set(CLIENT_POLICY.CLIENT_ID, clientId)
                .set(CLIENT_POLICY.RETURN_DAYS, days)
                .onConflict(CLIENT_POLICY.CLIENT_ID)
                .doUpdate()
                .set(CLIENT_POLICY.RETURN_DAYS, days)
                .execute();
    }
}
