package dev.kontor.triage;

import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.CleanedMessage;
import dev.kontor.triage.internal.TriageEngine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads a customer message: language, category and order references (linked to stored orders of the client). It
 * reads what the customer wrote now: quoted replies, signature and legal footer are cut first ({@link
 * CleanedMessage}).
 */
@Service
public class Triage {

    private final TriageEngine engine;
    private final OrderManagement orders;

    Triage(TriageEngine engine, OrderManagement orders) {
        this.engine = engine;
        this.orders = orders;
    }

    public TriageResult analyze(long clientId, String subject, String body) {
        CleanedMessage message = CleanedMessage.of(body);
        String text = (subject == null ? "" : subject + "\n") + message.text();
        String language = engine.language(text);
        Map<Category, Double> scores = engine.scores(clientId, subject, message.text());
        List<String> refs = engine.orderReferences(subject, message.text(), ref -> known(clientId, ref));
        return new TriageResult(language, engine.best(scores), scores, refs, message);
    }

    private Optional<String> known(long clientId, String ref) {
        return orders.resolve(clientId, ref);
    }
}
