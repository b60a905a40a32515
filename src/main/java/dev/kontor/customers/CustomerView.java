package dev.kontor.customers;

import java.util.List;

public record CustomerView(long id, long clientId, String displayName, String tier, List<Identity> identities) {

    public record Identity(String kind, String value) {}

    public String email() {
        return identities.stream()
                .filter(i -> i.kind().equals("email"))
                .map(Identity::value)
                .findFirst()
                .orElse(null);
    }
}
