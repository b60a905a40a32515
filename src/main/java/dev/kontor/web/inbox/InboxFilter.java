package dev.kontor.web.inbox;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.tickets.InboxQuery;
import dev.kontor.tickets.TicketStatus;
import java.util.Arrays;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The inbox's URL parameters. A view (mine, unassigned, open, all) picks the base set; the other parameters
 * narrow it. Unknown values fall back to defaults rather than failing: it is a URL people edit and bookmark.
 */
public record InboxFilter(
        String view,
        Long client,
        Long store,
        Long channel,
        String status,
        String tag,
        String q,
        String sort,
        String cursor) {

    public InboxFilter {
        view = view == null || !Set.of("mine", "unassigned", "open", "all").contains(view) ? "open" : view;
        sort = knownSort(sort) ? sort : InboxQuery.Sort.DUE.key();
        status = status == null
                        || status.isBlank()
                        || TicketStatus.fromKey(status).isEmpty()
                ? null
                : status;
        tag = tag == null || tag.isBlank() ? null : tag.strip();
        q = q == null || q.isBlank() ? null : q.strip();
        cursor = cursor == null || cursor.isBlank() ? null : cursor;
    }

    private static boolean knownSort(String key) {
        return key != null
                && Arrays.stream(InboxQuery.Sort.values()).anyMatch(s -> s.key().equals(key));
    }

    public InboxQuery toQuery(CurrentUser user, int limit) {
        Set<TicketStatus> statuses = status != null
                ? Set.of(TicketStatus.fromKey(status).orElseThrow())
                : view.equals("all") ? Set.of() : TicketStatus.UNRESOLVED;
        return new InboxQuery(
                view.equals("mine") ? user.id() : null,
                view.equals("unassigned"),
                statuses,
                client,
                store,
                channel,
                null,
                tag,
                q,
                Arrays.stream(InboxQuery.Sort.values())
                        .filter(s -> s.key().equals(sort))
                        .findFirst()
                        .orElseThrow(),
                cursor,
                limit);
    }

    /** This filter's URL with some parameters changed (null removes one); the cursor is dropped unless given. */
    public String with(String name, Object value) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/inbox");
        put(b, "view", name.equals("view") ? value : view);
        put(b, "client", name.equals("client") ? value : client);
        put(b, "store", name.equals("store") ? value : store);
        put(b, "channel", name.equals("channel") ? value : channel);
        put(b, "status", name.equals("status") ? value : status);
        put(b, "tag", name.equals("tag") ? value : tag);
        put(b, "q", name.equals("q") ? value : q);
        put(b, "sort", name.equals("sort") ? value : sort);
        put(b, "cursor", name.equals("cursor") ? value : null);
        return b.encode().build().toUriString();
    }

    public String url() {
        return with("cursor", cursor);
    }

    private static void put(UriComponentsBuilder b, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            b.queryParam(name, value);
        }
    }
}
