package dev.kontor.clients;

public record StoreView(long id, long clientId, String key, String name, boolean active) {}
