package org.homeward.support.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsGuardTest {

    @Test
    void api8_aWildcardOriginWithCredentialsIsRefusedAtStartup() {
        assertThrows(IllegalStateException.class, () -> CorsGuard.check(List.of("*"), true));
        assertThrows(IllegalStateException.class, () -> CorsGuard.check(List.of("https://a.example", "/.*/"), true));
    }

    @Test
    void listedOriginsOrAWildcardWithoutCredentialsStart() {
        assertDoesNotThrow(() -> CorsGuard.check(List.of("https://partner.example"), true));
        assertDoesNotThrow(() -> CorsGuard.check(List.of(), true));
        assertDoesNotThrow(() -> CorsGuard.check(List.of("*"), false));
    }
}
