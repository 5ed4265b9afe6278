package org.homeward.notifications.subscription.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.subscription.persistence.Subscription;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;
import org.jboss.logging.Logger;

/** Advocates' subscriptions: each advocate sees and changes only their own. */
@ApplicationScoped
public class Subscriptions {

    /** Active subscriptions one advocate may hold. */
    public static final int MAX_PER_ADVOCATE = 100;
    private static final Logger LOG = Logger.getLogger(Subscriptions.class);

    @Inject
    EntityManager em;

    @Inject
    WebhookSecrets secrets;

    Clock clock = Clock.systemUTC();

    /** A new subscription; the secret of a webhook is in the answer and nowhere else afterwards. */
    public record Created(Subscription subscription, String secret) {
    }

    @Transactional
    public Created create(Advocate advocate, SubscriptionRequest request) {
        long active = em.createQuery("select count(*) from Subscription where organisation = :org and advocate = :user"
                        + " and deletedAt is null", Long.class)
                .setParameter("org", advocate.organisation()).setParameter("user", advocate.user()).getSingleResult();
        if (active >= MAX_PER_ADVOCATE) {
            throw ProblemException.of(ProblemType.CONFLICT, "An advocate may hold at most " + MAX_PER_ADVOCATE
                    + " subscriptions; delete one first");
        }
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.organisation = advocate.organisation();
        s.advocate = advocate.user();
        s.channel = request.channel();
        s.target = request.target();
        String secret = request.channel() == Channel.WEBHOOK ? WebhookSecret.generate() : null;
        s.secret = secret == null ? null : secrets.seal(s.id, secret);
        SubscriptionFilter filter = request.filter();
        s.caseIds = filter.caseIds().stream().sorted().toArray(UUID[]::new);
        s.categories = filter.categories().stream().sorted().map(Category::name).toArray(String[]::new);
        s.eventTypes = filter.eventTypes().stream().sorted().map(EventType::name).toArray(String[]::new);
        s.minUrgency = filter.minUrgency();
        s.createdAt = clock.instant();
        em.persist(s);
        LOG.infof("Subscription %s created (%s)", s.id, s.channel);
        return new Created(s, secret);
    }

    @Transactional
    public Page<Subscription> list(Advocate advocate, PageRequest page) {
        String where = " where organisation = :org and advocate = :user and deletedAt is null";
        List<Subscription> items = em.createQuery("from Subscription" + where + " order by createdAt desc, id",
                        Subscription.class)
                .setParameter("org", advocate.organisation()).setParameter("user", advocate.user())
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, page.offset())).setMaxResults(page.size())
                .getResultList();
        long total = em.createQuery("select count(*) from Subscription" + where, Long.class)
                .setParameter("org", advocate.organisation()).setParameter("user", advocate.user())
                .getSingleResult();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** The advocate's active subscription; 404 for anyone else's, so that ids reveal nothing. */
    @Transactional
    public Subscription get(Advocate advocate, UUID id) {
        Subscription s = em.find(Subscription.class, id);
        if (s == null || s.deletedAt != null || !s.organisation.equals(advocate.organisation())
                || !s.advocate.equals(advocate.user())) {
            throw ProblemException.notFound("Subscription " + id);
        }
        return s;
    }

    /** Ends a subscription: no new notifications, and its pending deliveries are cancelled. */
    @Transactional
    public void delete(Advocate advocate, UUID id) {
        Subscription s = get(advocate, id);
        s.deletedAt = clock.instant();
        int cancelled = em.createNativeQuery("update deliveries set status = 'CANCELLED', claim_token = null, "
                        + "last_error = 'subscription deleted' where subscription_id = ?1 and status = 'PENDING'")
                .setParameter(1, id).executeUpdate();
        LOG.infof("Subscription %s deleted; %d pending deliveries cancelled", id, cancelled);
    }
}
