package dev.kontor.audit;

import java.util.Collection;
import java.util.Map;

/**
 * Names of users for showing audit entries, provided by the module that owns users (the audit trail keeps only
 * ids, so it outlives renamed and removed users and depends on no other module).
 */
public interface UserNames {

    /** "Name <e-mail>" per id; ids of removed users are missing. */
    Map<Long, String> names(Collection<Long> ids);
}
