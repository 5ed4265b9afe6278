package org.homeward.cases.statistics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeGroupTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", value = {
        "0, under 10", "9, under 10", "10, 10s", "19, 10s", "20, 20s", "55, 50s", "99, 90s", "100, 100 and over",
        "-1, unknown", "null, unknown"
    })
    void agesFallIntoDecades(Integer age, String group) {
        assertEquals(group, AgeGroup.of(age));
    }
}
