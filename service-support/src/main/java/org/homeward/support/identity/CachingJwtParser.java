package org.homeward.support.identity;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The services' token verifier: smallrye-jwt's, which checks signature, issuer, audience, expiry and age, run once per
 * token rather than once per request. A partner's system sends the same token with every request for the token's
 * life, and verifying it (parsing, an RSA signature) was the largest single cost of an intake request. A token that
 * passed is remembered ({@link VerifiedTokens}) until its expiry, the end of its accepted age
 * ({@code mp.jwt.verify.token.age}), or {@code homeward.auth.verified-tokens.time-to-live} (default 60 s), whichever
 * comes first; then it is verified in full again. Refused tokens are never remembered. What this changes: a signing
 * key withdrawn from the issuer's key set is still honoured, for tokens verified with it in the last time to live.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    @Inject
    DefaultJWTParser verifier;

    @ConfigProperty(name = "mp.jwt.verify.token.age")
    Optional<Long> tokenAgeSeconds;

    @ConfigProperty(name = "homeward.auth.verified-tokens.time-to-live", defaultValue = "PT60S")
    Duration timeToLive;

    @ConfigProperty(name = "homeward.auth.verified-tokens.max", defaultValue = "10000")
    int max;

    private VerifiedTokens<JsonWebToken> verified;

    @PostConstruct
    void start() {
        verified = new VerifiedTokens<>(max, timeToLive.toMillis(), System::currentTimeMillis);
    }

    /** Whether this token passed verification and is remembered now (for tests and diagnostics). */
    public boolean remembers(String token) {
        return verified.get(token) != null;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        if (known != null) {
            return known;
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.put(token, fresh, notAfterMillis(fresh));
        return fresh;
    }

    /** Until when the token itself may be accepted: its expiry, and the end of its accepted age when one is set. */
    private long notAfterMillis(JsonWebToken token) {
        long notAfter = token.getExpirationTime() > 0 ? token.getExpirationTime() * 1000 : Long.MAX_VALUE;
        if (tokenAgeSeconds.isPresent() && token.getIssuedAtTime() > 0) {
            notAfter = Math.min(notAfter, (token.getIssuedAtTime() + tokenAgeSeconds.get()) * 1000);
        }
        return notAfter;
    }

    // Everything else as smallrye-jwt does it, uncached: only parse(token) serves requests.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
