package org.homeward.console.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The local sign-in's token issuer: mints exactly what {@code LocalTokens#mint} of the local stack mints (iss, aud, sub
 * and upn, {@code org}, {@code groups}, iat, exp, jti; RS256, typ JWT) with the local stack's private key, so the three
 * services accept it. Exists only where {@code homeward.console.local-sign-in.private-key} names that key.
 */
@ApplicationScoped
public class LocalTokenMinter {

    public static final List<String> ROLES = List.of("reporter", "caseworker", "advocate", "admin");
    public static final Duration TTL = Duration.ofHours(8);

    @ConfigProperty(name = "homeward.console.local-sign-in.private-key")
    Optional<String> keyPath;

    @ConfigProperty(name = "homeward.console.local-sign-in.issuer", defaultValue = "urn:homeward:local")
    String issuer;

    /** The audience the services expect ({@code mp.jwt.verify.audiences}). */
    @ConfigProperty(name = "homeward.console.local-sign-in.audience", defaultValue = "homeward")
    String audience;

    private volatile PrivateKey key;

    /** A token and its expiry. {@link #toString()} never prints the token. */
    public record Minted(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Minted[expiresAt=" + expiresAt + "]";
        }
    }

    public Minted mint(String organisation, String user, List<String> roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role; roles are " + ROLES);
            }
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setClaim("org", organisation);
        claims.setStringListClaim("groups", roles);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(TTL.toMinutes());
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            NumericDate exp = claims.getExpirationTime();
            return new Minted(jws.getCompactSerialization(), Instant.ofEpochSecond(exp.getValue()));
        } catch (JoseException | org.jose4j.jwt.MalformedClaimException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private PrivateKey key() {
        PrivateKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = read(Path.of(keyPath.orElseThrow(() -> new IllegalStateException(
                            "homeward.console.local-sign-in.private-key is not set"))));
                }
                k = key;
            }
        }
        return k;
    }

    /** A PKCS#8 PEM RSA private key (the local stack's {@code jwt-private.pem}). */
    static PrivateKey read(Path pem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(pem, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local sign-in key (homeward.console.local-sign-in"
                    + ".private-key)", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the local sign-in key is not a PKCS#8 PEM RSA private key", e);
        }
    }
}
