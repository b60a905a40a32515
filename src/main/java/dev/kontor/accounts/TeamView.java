package dev.kontor.accounts;

import java.util.Set;

public record TeamView(long id, String name, Set<Long> memberIds) {}
