package dev.kontor.clients;

import static dev.kontor.clients.db.Tables.CHANNEL;
import static dev.kontor.clients.db.Tables.CLIENT;
import static dev.kontor.clients.db.Tables.STORE;

import dev.kontor.clients.ClientCommands.CreateChannel;
import dev.kontor.clients.ClientCommands.CreateClient;
import dev.kontor.clients.ClientCommands.CreateStore;
import dev.kontor.clients.ClientCommands.UpdateChannel;
import dev.kontor.clients.ClientCommands.UpdateClient;
import dev.kontor.clients.ClientCommands.UpdateStore;
import dev.kontor.clients.db.tables.records.ChannelRecord;
import dev.kontor.clients.db.tables.records.ClientRecord;
import dev.kontor.clients.db.tables.records.StoreRecord;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Client companies, their stores and channels: the structure every ticket hangs from. */
@Service
@Transactional
public class ClientManagement {

    private final DSLContext db;
    private final Clock clock;
    private final JsonMapper json;

    ClientManagement(DSLContext db, Clock clock, JsonMapper json) {
        this.db = db;
        this.clock = clock;
        this.json = json;
    }

    public ClientView createClient(CreateClient command) {
        ClientRecord record = db.newRecord(CLIENT);
        record.setKey(command.key());
        record.setName(command.name().strip());
        record.setActive(true);
        record.setCreatedAt(clock.instant());
        insertUnique(record::store, "key");
        return toView(record);
    }

    public ClientView updateClient(long id, UpdateClient command) {
        ClientRecord record = db.selectFrom(CLIENT)
                .where(CLIENT.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> new NotFound("client " + id));
        record.setName(command.name().strip());
        record.setActive(command.active());
        record.store();
        return toView(record);
    }

    @Transactional(readOnly = true)
    public List<ClientView> clients(ClientScope scope) {
        return db.selectFrom(CLIENT)
                .where(scope.all() ? CLIENT.ID.isNotNull() : CLIENT.ID.in(scope.clientIds()))
                .orderBy(CLIENT.NAME)
                .fetch(ClientManagement::toView);
    }

    @Transactional(readOnly = true)
    public Optional<ClientView> client(long id) {
        return db.selectFrom(CLIENT).where(CLIENT.ID.eq(id)).fetchOptional(ClientManagement::toView);
    }

    @Transactional(readOnly = true)
    public Optional<ClientView> clientByKey(String key) {
        return db.selectFrom(CLIENT).where(CLIENT.KEY.eq(key)).fetchOptional(ClientManagement::toView);
    }

    /** Creates a store with its API channel, so integrations can post to it right away. */
    public StoreView createStore(CreateStore command) {
        if (client(command.clientId()).isEmpty()) {
            throw InvalidInput.of("clientId", "unknown client");
        }
        StoreRecord record = db.newRecord(STORE);
        record.setClientId(command.clientId());
        record.setKey(command.key());
        record.setName(command.name().strip());
        record.setActive(true);
        record.setCreatedAt(clock.instant());
        insertUnique(record::store, "key");
        insertChannel(record.getId(), ChannelKind.API, "API", Map.of());
        return toView(record);
    }

    public StoreView updateStore(long id, UpdateStore command) {
        StoreRecord record = db.selectFrom(STORE)
                .where(STORE.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> new NotFound("store " + id));
        record.setName(command.name().strip());
        record.setActive(command.active());
        record.store();
        return toView(record);
    }

    @Transactional(readOnly = true)
    public List<StoreView> stores(ClientScope scope) {
        return db.selectFrom(STORE)
                .where(scope.all() ? STORE.ID.isNotNull() : STORE.CLIENT_ID.in(scope.clientIds()))
                .orderBy(STORE.NAME)
                .fetch(ClientManagement::toView);
    }

    @Transactional(readOnly = true)
    public Optional<StoreView> store(long id) {
        return db.selectFrom(STORE).where(STORE.ID.eq(id)).fetchOptional(ClientManagement::toView);
    }

    @Transactional(readOnly = true)
    public Optional<StoreView> storeByKey(String key) {
        return db.selectFrom(STORE).where(STORE.KEY.eq(key)).fetchOptional(ClientManagement::toView);
    }

    @Transactional(readOnly = true)
    public Map<Long, StoreView> storesById(Collection<Long> ids) {
        return db.selectFrom(STORE).where(STORE.ID.in(ids)).fetch(ClientManagement::toView).stream()
                .collect(Collectors.toMap(StoreView::id, Function.identity()));
    }

    public ChannelView createChannel(CreateChannel command) {
        if (store(command.storeId()).isEmpty()) {
            throw InvalidInput.of("storeId", "unknown store");
        }
        if (command.kind() == ChannelKind.API) {
            throw InvalidInput.of("kind", "every store has its API channel already");
        }
        return toView(
                insertChannel(command.storeId(), command.kind(), command.name().strip(), command.settings()));
    }

    public ChannelView updateChannel(long id, UpdateChannel command) {
        ChannelRecord record = db.selectFrom(CHANNEL)
                .where(CHANNEL.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> new NotFound("channel " + id));
        record.setName(command.name().strip());
        record.setSettings(toJson(command.settings()));
        record.setActive(command.active());
        record.store();
        return toView(record);
    }

    @Transactional(readOnly = true)
    public List<ChannelView> channels(long storeId) {
        return db.selectFrom(CHANNEL)
                .where(CHANNEL.STORE_ID.eq(storeId))
                .orderBy(CHANNEL.ID)
                .fetch(this::toView);
    }

    @Transactional(readOnly = true)
    public List<ChannelView> allChannels(ClientScope scope) {
        return db.select(CHANNEL.fields())
                .from(CHANNEL)
                .join(STORE)
                .on(STORE.ID.eq(CHANNEL.STORE_ID))
                .where(scope.all() ? CHANNEL.ID.isNotNull() : STORE.CLIENT_ID.in(scope.clientIds()))
                .orderBy(CHANNEL.STORE_ID, CHANNEL.ID)
                .fetchInto(CHANNEL)
                .map(this::toView);
    }

    @Transactional(readOnly = true)
    public Optional<ChannelView> channel(long id) {
        return db.selectFrom(CHANNEL).where(CHANNEL.ID.eq(id)).fetchOptional(this::toView);
    }

    @Transactional(readOnly = true)
    public ChannelView apiChannelOf(long storeId) {
        return db.selectFrom(CHANNEL)
                .where(CHANNEL.STORE_ID.eq(storeId).and(CHANNEL.KIND.eq(ChannelKind.API.key())))
                .fetchOptional(this::toView)
                .orElseThrow(() -> new NotFound("API channel of store " + storeId));
    }

    private ChannelRecord insertChannel(long storeId, ChannelKind kind, String name, Map<String, String> settings) {
        ChannelRecord record = db.newRecord(CHANNEL);
        record.setStoreId(storeId);
        record.setKind(kind.key());
        record.setName(name);
        record.setSettings(toJson(settings));
        record.setActive(true);
        record.setCreatedAt(clock.instant());
        record.store();
        return record;
    }

    private static void insertUnique(Runnable insert, String field) {
        try {
            insert.run();
        } catch (DuplicateKeyException e) {
            throw InvalidInput.of(field, "is already used");
        }
    }

    private JSONB toJson(Map<String, String> settings) {
        return JSONB.valueOf(json.writeValueAsString(settings == null ? Map.of() : settings));
    }

    private static ClientView toView(ClientRecord r) {
        return new ClientView(r.getId(), r.getKey(), r.getName(), r.getActive(), r.getCreatedAt());
    }

    private static StoreView toView(StoreRecord r) {
        return new StoreView(r.getId(), r.getClientId(), r.getKey(), r.getName(), r.getActive());
    }

    private ChannelView toView(ChannelRecord r) {
        Map<String, String> settings = json.readValue(r.getSettings().data(), new TypeReference<>() {});
        return new ChannelView(
                r.getId(),
                r.getStoreId(),
                ChannelKind.fromKey(r.getKind()).orElseThrow(),
                r.getName(),
                settings,
                r.getActive());
    }
}
