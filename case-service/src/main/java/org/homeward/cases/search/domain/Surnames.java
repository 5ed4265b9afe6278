package org.homeward.cases.search.domain;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Korean surnames, so that a name's surname can be told from its given name whatever the order ("Kim Kwang-won",
 * "Kwang-won Kim") and found inside a name written without spaces ("김광원", "Kimkwangwon"). The list holds the
 * surnames of about 98 % of South Koreans (2015 census) plus the two-syllable ones; North Korean spellings (리, 림,
 * 류, 로, 라 …) are covered by the initial-sound rule ({@link Sounds#initialSoundRule}).
 */
public final class Surnames {

    static final String SINGLE = "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 "
            + "남 심 노 하 곽 성 차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 "
            + "명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 "
            + "범 좌 승 상 시 갈 단 견 당 화 창 옹 순 빙 라 로 리 림 량 려 렴 룡 뢰 판 팽 필 학 묵 미 간 궁 근";
    static final String DOUBLE = "남궁 황보 제갈 선우 독고 사공 서문 동방 어금 망절 장곡";

    /** Spellings that no folding rule brings to their surname's code. */
    static final Map<String, String> IRREGULAR = Map.of("rhie", "이", "yee", "이");

    private static final Set<String> CODES = new HashSet<>();
    private static final Set<String> DOUBLE_SYLLABLES = new HashSet<>();

    static {
        for (String surname : (SINGLE + " " + DOUBLE).split(" ")) {
            CODES.add(code(surname));
        }
        DOUBLE_SYLLABLES.addAll(Set.of(DOUBLE.split(" ")));
    }

    private Surnames() {
    }

    /** The code of a Hangul surname, after the initial-sound rule: 리 and 이 are both {@code i}. */
    static String code(String hangul) {
        return Sounds.initialSoundRule(Sounds.ofPart(hangul).iterator().next());
    }

    /** True when a surname code (initial-sound rule applied) is one of a known surname. */
    public static boolean isKnown(String code) {
        return CODES.contains(code);
    }

    /** The codes an irregular Latin spelling stands for, if it is one. */
    static String irregular(String folded) {
        String hangul = IRREGULAR.get(folded);
        return hangul == null ? null : code(hangul);
    }

    /** True for the two-syllable surnames (남궁, 황보, 제갈, 선우, 독고, 사공, …). */
    public static boolean isDoubleSyllable(String hangul) {
        return DOUBLE_SYLLABLES.contains(hangul);
    }
}
