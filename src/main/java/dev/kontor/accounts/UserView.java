package dev.kontor.accounts;

import java.util.List;
import java.util.Set;

public record UserView(
        long id,
        String email,
        String displayName,
        Role role,
        String locale,
        boolean active,
        List<String> languages,
        Set<Long> clientIds,
        Set<Long> teamIds) {}
