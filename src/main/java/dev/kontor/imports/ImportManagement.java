package dev.kontor.imports;

import dev.kontor.clients.ChannelView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.imports.db.tables.records.ImportJobRecord;
import dev.kontor.imports.internal.ImportJobs;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * History imports: set one up, send its file (at once, or in parts for big files), start it, and follow its
 * progress and errors. Every import belongs to a client; reads take the caller's {@link ClientScope}, and an import
 * outside it does not exist. The import itself runs in the background on any node (see docs/import.md).
 */
@Service
@Transactional
public class ImportManagement {

    private final ImportJobs jobs;
    private final ClientManagement clients;
    private final ImportSettings settings;
    private final Clock clock;

    ImportManagement(ImportJobs jobs, ClientManagement clients, ImportSettings settings, Clock clock) {
        this.jobs = jobs;
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new import waiting for its file; the store and channel must be the client's. */
    public ImportView create(NewImport n, ClientScope scope, Long userId) {
        if (n.clientId() == null
                || !scope.permits(n.clientId())
                || clients.client(n.clientId()).isEmpty()) {
            throw InvalidInput.of("clientId", "unknown client");
        }
        StoreView store;
        if (n.storeId() != null) {
            store = clients.store(n.storeId())
                    .filter(s -> s.clientId() == n.clientId())
                    .orElseThrow(() -> InvalidInput.of("storeId", "is not a store of this client"));
        } else {
            store = clients.stores(ClientScope.of(List.of(n.clientId()))).stream()
                    .findFirst()
                    .orElseThrow(() -> InvalidInput.of("storeId", "the client has no store yet"));
        }
        long channelId;
        if (n.channelId() != null) {
            channelId = clients.channels(store.id()).stream()
                    .filter(c -> c.id() == n.channelId())
                    .map(ChannelView::id)
                    .findFirst()
                    .orElseThrow(() -> InvalidInput.of("channelId", "is not a channel of this store"));
        } else {
            channelId = clients.apiChannelOf(store.id()).id();
        }
        long id = jobs.create(n, store.id(), channelId, userId, clock.instant());
        return view(jobs.find(id).orElseThrow());
    }

    /** Adds the next part of the file (parts are read in the order they came). */
    public ImportView appendPart(long id, ClientScope scope, byte[] content) {
        ImportJobRecord job = lockVisible(id, scope);
        if (!job.getStatus().equals(ImportStatus.UPLOADING.key())) {
            throw InvalidInput.of("status", "the import has started; it takes no more parts");
        }
        if (content.length == 0) {
            throw InvalidInput.of("file", "must not be empty");
        }
        if (job.getTotalBytes() + content.length > settings.maxFileBytes()) {
            throw InvalidInput.of("file", "an import takes at most " + settings.maxFileBytes() + " bytes");
        }
        for (int from = 0, part = job.getParts(); from < content.length; from += settings.partBytes(), part++) {
            int to = Math.min(content.length, from + settings.partBytes());
            jobs.appendPart(id, part, java.util.Arrays.copyOfRange(content, from, to));
        }
        return view(jobs.find(id).orElseThrow());
    }

    /** The file is complete: the import waits for a node to run it. */
    public ImportView start(long id, ClientScope scope) {
        ImportJobRecord job = lockVisible(id, scope);
        if (!job.getStatus().equals(ImportStatus.UPLOADING.key())) {
            throw InvalidInput.of("status", "the import has started already");
        }
        if (job.getParts() == 0) {
            throw InvalidInput.of("file", "send the file before starting the import");
        }
        jobs.setStatus(id, ImportStatus.QUEUED, clock.instant());
        return view(jobs.find(id).orElseThrow());
    }

    /** Set up, send and start in one go (a file that fits one request, as the admin page uploads it). */
    public ImportView upload(NewImport n, ClientScope scope, Long userId, InputStream file) {
        ImportView created = create(n, scope, userId);
        try {
            boolean any = false;
            byte[] part;
            while ((part = file.readNBytes(settings.partBytes())).length > 0) {
                appendPart(created.id(), scope, part);
                any = true;
            }
            if (!any) {
                throw InvalidInput.of("file", "must not be empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(created.id(), scope);
    }

    /** Stops an import; what it wrote stays. */
    public ImportView cancel(long id, ClientScope scope) {
        ImportJobRecord job = lockVisible(id, scope);
        if (!ImportStatus.fromKey(job.getStatus()).equals(ImportStatus.FINISHED)
                && !job.getStatus().equals(ImportStatus.FAILED.key())) {
            jobs.setStatus(id, ImportStatus.CANCELLED, clock.instant());
        }
        return view(jobs.find(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    public List<ImportView> imports(ClientScope scope, int limit) {
        return jobs.list(scope, limit).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public ImportView find(long id, ClientScope scope) {
        return jobs.find(id)
                .filter(j -> scope.permits(j.getClientId()))
                .map(this::view)
                .orElseThrow(() -> new NotFound("import " + id));
    }

    @Transactional(readOnly = true)
    public List<ImportErrorView> errors(long id, ClientScope scope, int limit) {
        find(id, scope);
        return jobs.errors(id, limit);
    }

    private ImportJobRecord lockVisible(long id, ClientScope scope) {
        return jobs.lock(id)
                .filter(j -> scope.permits(j.getClientId()))
                .orElseThrow(() -> new NotFound("import " + id));
    }

    private ImportView view(ImportJobRecord r) {
        return ImportJobs.view(r, clock.instant());
    }
}
