package org.homeward.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.homeward.console.api.HomewardApi;
import org.homeward.console.api.HomewardService;
import org.homeward.console.i18n.Labels;
import org.homeward.console.i18n.Languages;
import org.homeward.console.session.CurrentSession;
import org.homeward.console.session.Session;
import org.jboss.logging.Logger;

/** What every page of a request needs: its language, its labels, the frame (chrome) and rendering in the locale. */
@RequestScoped
public class Pages {

    private static final Logger LOG = Logger.getLogger(Pages.class);

    @Inject
    CurrentSession current;

    @Inject
    HomewardApi api;

    @Inject
    HttpServerRequest request;

    private Labels labels;

    public String lang() {
        Cookie cookie = request.getCookie(Languages.COOKIE);
        return Languages.resolve(cookie == null ? null : cookie.getValue(), request.getHeader("Accept-Language"));
    }

    public Labels labels() {
        if (labels == null) {
            labels = Labels.of(lang());
        }
        return labels;
    }

    /** The frame for a page of {@code section}, returning to {@code back} after a language switch. */
    public Chrome chrome(String section, String back, String notice) {
        Optional<Session> session = current.get();
        String lang = labels().lang();
        if (session.isEmpty()) {
            return new Chrome(false, null, null, null, false, -1, lang, back, section, notice);
        }
        Session s = session.get();
        return new Chrome(true, s.user(), s.organisation(), s.roles(), s.advocate(),
                s.advocate() ? unacknowledged(s) : -1, lang, back, section, notice);
    }

    /** The page in the request's language. */
    public TemplateInstance render(TemplateInstance page) {
        return page.setLocale(labels().locale());
    }

    /** How many of the advocate's alerts are unacknowledged; -1 when the feed does not answer. */
    private long unacknowledged(Session s) {
        try {
            JsonNode page = api.get(HomewardService.NOTIFICATIONS, "/api/v1/notifications",
                    HomewardApi.params("acked", "false", "size", 1), s.token(), JsonNode.class);
            return page == null || !page.has("total") ? -1 : page.get("total").asLong();
        } catch (RuntimeException e) {
            LOG.debugf("the alert count is not available (%s)", e.getClass().getSimpleName());
            return -1;
        }
    }

    /** A path of this console to return to, or {@code /cases}: never another site (no open redirect). */
    public static String localPath(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")
                || back.length() > 300 || back.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "/cases";
        }
        return back;
    }
}
