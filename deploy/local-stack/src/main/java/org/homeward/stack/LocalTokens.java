package org.homeward.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The local stack's own token issuer, standing in for the OIDC provider a deployment configures. On first use it
 * generates an RSA key pair in its folder (the private key readable by its owner only); services verify tokens with
 * the public key, and {@code ./homeward token} and the tests mint tokens with the private one. A token carries the
 * organisation ({@code org}), the person ({@code sub}), the roles ({@code groups}) and the audience the services
 * expect ({@code aud}, {@value #AUDIENCE}).
 */
public final class LocalTokens {

    public static final String ISSUER = "urn:homeward:local";
    public static final String ORGANISATION_CLAIM = "org";
    /** The audience every service expects by default ({@code mp.jwt.verify.audiences}, HOMEWARD_JWT_AUDIENCE). */
    public static final String AUDIENCE = "homeward";
    public static final List<String> ROLES = List.of("reporter", "caseworker", "advocate", "admin");

    private final Path publicKey;
    private final PrivateKey privateKey;

    private LocalTokens(Path publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** The issuer whose keys live in {@code folder}, generating them the first time. */
    public static synchronized LocalTokens inFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Path privatePem = folder.resolve("jwt-private.pem");
            Path publicPem = folder.resolve("jwt-public.pem");
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.deleteIfExists(privatePem);
                Files.createFile(privatePem);
                try {
                    Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on file systems without POSIX permissions
                }
                Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privatePem, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LocalTokens(publicPem.toAbsolutePath(), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local token keys", e);
        }
    }

    /**
     * A signed bearer token for someone at {@code organisation} with {@code roles}, valid for {@code ttl} (to the
     * second, at least one).
     */
    public String mint(String organisation, String user, Duration ttl, String... roles) {
        return sign(claims(organisation, user, ttl, roles));
    }

    /**
     * The claims {@link #mint} signs: iss, aud, sub and upn, {@code org}, {@code groups}, iat (now), exp and jti. Tests
     * change them (another audience, an old iat) and {@link #sign} the result.
     */
    public JwtClaims claims(String organisation, String user, Duration ttl, String... roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role + "; roles are " + ROLES);
            }
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setClaim(ORGANISATION_CLAIM, organisation);
        claims.setStringListClaim("groups", Arrays.asList(roles));
        NumericDate now = NumericDate.now();
        claims.setIssuedAt(now);
        claims.setExpirationTime(NumericDate.fromSeconds(now.getValue() + Math.max(1, ttl.toSeconds())));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    /** {@code claims} signed with this issuer's key (RS256, typ JWT). */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** How a service verifies these tokens: the public key, the issuer and the audience. */
    public Map<String, String> serviceConfig() {
        return Map.of("mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.audiences", AUDIENCE);
    }

    public Path publicKey() {
        return publicKey;
    }

    /** The PKCS#8 PEM private key beside the public one: the local console's sign-in page signs with it. */
    public Path privateKey() {
        return publicKey.resolveSibling("jwt-private.pem");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
