package dev.kontor.clients;

import java.util.Map;

public record ChannelView(
        long id, long storeId, ChannelKind kind, String name, Map<String, String> settings, boolean active) {}
