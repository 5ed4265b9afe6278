package org.homeward.benchmarks;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.Person;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardService;
import org.homeward.stack.Infrastructure;
import org.homeward.stack.LocalSystem;

/**
 * Search latency at 100,000 cases, through the REST API of the packaged case service.
 *
 * <p>Seeds the cases through the real pipeline: one CASE_OPENED event per person on {@code case-events}, exactly as
 * intake publishes them (the contract's CloudEvents JSON, keyed by case id), taken by the case service one by one
 * (name keys, duplicate check, timeline, outbox). Intake's REST door is skipped for seeding because its own speed is
 * measured elsewhere and would only make seeding slower; the notification service is stopped for the same reason.
 * The names follow South Korea's surname distribution, with given names from common syllables; most persons have a
 * Hangul name and one or two romanisations (RR, MR or a common spelling), some only a romanisation.
 *
 * <p>Then, one client at a time, it times each kind of query ({@value #REQUESTS} requests each after
 * {@value #WARM_UP} unmeasured ones): a case, the list without a query (first page, filtered, a page deep down by its
 * {@code after} cursor, a bounded offset), searches by full name in several spellings, with filters, by surname
 * (first page and deep by cursor), by given name, a name nobody has, the possible duplicates and the statistics; and
 * prints PostgreSQL's plan (EXPLAIN (ANALYZE, BUFFERS)) of each kind of statement behind them, and the load average.
 *
 * <p>Run: {@code ./homeward bench SearchBenchmark [cases]} (default 100000).
 */
public final class SearchBenchmark {

    static final int WARM_UP = 50;
    static final int REQUESTS = 500;
    /** A caseworker of the organisation the benchmark seeds cases for (ConsoleBenchmark seeds the same way). */
    static String bearer;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A surname: Hangul, share of the population (per mille), RR, MR, a common spelling. */
    private record Surname(String hangul, int perMille, String rr, String mr, String common) {
    }

    /** A given-name syllable: Hangul, RR, MR (unvoiced, as at the start of a hyphenated given name), common. */
    private record Syllable(String hangul, String rr, String mr, String common) {
    }

    /** A seeded person and the spellings a caseworker might search it by. */
    record Seeded(UUID caseId, Category category, String hangul, String rr, String mr, String common,
            String givenCommon, String surnameCommon) {
    }

    private static final List<Surname> SURNAMES = List.of(
            new Surname("김", 215, "Gim", "Kim", "Kim"), new Surname("이", 147, "I", "Yi", "Lee"),
            new Surname("박", 84, "Bak", "Pak", "Park"), new Surname("최", 47, "Choe", "Ch'oe", "Choi"),
            new Surname("정", 43, "Jeong", "Chŏng", "Jung"), new Surname("강", 24, "Gang", "Kang", "Kang"),
            new Surname("조", 21, "Jo", "Cho", "Cho"), new Surname("윤", 21, "Yun", "Yun", "Yoon"),
            new Surname("장", 20, "Jang", "Chang", "Jang"), new Surname("임", 17, "Im", "Im", "Lim"),
            new Surname("한", 15, "Han", "Han", "Han"), new Surname("오", 15, "O", "O", "Oh"),
            new Surname("서", 15, "Seo", "Sŏ", "Suh"), new Surname("신", 15, "Sin", "Shin", "Shin"),
            new Surname("권", 14, "Gwon", "Kwŏn", "Kwon"), new Surname("황", 14, "Hwang", "Hwang", "Hwang"),
            new Surname("안", 14, "An", "An", "Ahn"), new Surname("송", 13, "Song", "Song", "Song"),
            new Surname("류", 12, "Ryu", "Ryu", "Yoo"), new Surname("전", 11, "Jeon", "Chŏn", "Jun"),
            new Surname("홍", 11, "Hong", "Hong", "Hong"), new Surname("고", 9, "Go", "Ko", "Ko"),
            new Surname("문", 9, "Mun", "Mun", "Moon"), new Surname("양", 9, "Yang", "Yang", "Yang"),
            new Surname("손", 9, "Son", "Son", "Sohn"), new Surname("배", 8, "Bae", "Pae", "Bae"),
            new Surname("백", 8, "Baek", "Paek", "Paik"), new Surname("허", 7, "Heo", "Hŏ", "Hur"),
            new Surname("남", 6, "Nam", "Nam", "Nam"), new Surname("리", 10, "Ri", "Ri", "Ri"),
            new Surname("남궁", 1, "Namgung", "Namgung", "Namkoong"));

    private static final List<Syllable> SYLLABLES = List.of(
            new Syllable("민", "min", "min", "min"), new Syllable("서", "seo", "sŏ", "seo"),
            new Syllable("지", "ji", "chi", "ji"), new Syllable("현", "hyeon", "hyŏn", "hyun"),
            new Syllable("수", "su", "su", "soo"), new Syllable("영", "yeong", "yŏng", "young"),
            new Syllable("준", "jun", "chun", "joon"), new Syllable("우", "u", "u", "woo"),
            new Syllable("진", "jin", "chin", "jin"), new Syllable("호", "ho", "ho", "ho"),
            new Syllable("성", "seong", "sŏng", "sung"), new Syllable("은", "eun", "ŭn", "eun"),
            new Syllable("정", "jeong", "chŏng", "jung"), new Syllable("희", "hui", "hŭi", "hee"),
            new Syllable("경", "gyeong", "kyŏng", "kyung"), new Syllable("숙", "suk", "suk", "sook"),
            new Syllable("순", "sun", "sun", "soon"), new Syllable("철", "cheol", "ch'ŏl", "chul"),
            new Syllable("광", "gwang", "kwang", "kwang"), new Syllable("원", "won", "wŏn", "won"),
            new Syllable("동", "dong", "tong", "dong"), new Syllable("석", "seok", "sŏk", "suk"),
            new Syllable("재", "jae", "chae", "jae"), new Syllable("훈", "hun", "hun", "hoon"),
            new Syllable("혁", "hyeok", "hyŏk", "hyuk"), new Syllable("태", "tae", "t'ae", "tae"),
            new Syllable("상", "sang", "sang", "sang"), new Syllable("용", "yong", "yong", "yong"),
            new Syllable("일", "il", "il", "il"), new Syllable("명", "myeong", "myŏng", "myung"),
            new Syllable("기", "gi", "ki", "ki"), new Syllable("남", "nam", "nam", "nam"),
            new Syllable("옥", "ok", "ok", "ok"), new Syllable("미", "mi", "mi", "mi"),
            new Syllable("연", "yeon", "yŏn", "yeon"), new Syllable("혜", "hye", "hye", "hye"),
            new Syllable("선", "seon", "sŏn", "sun"), new Syllable("주", "ju", "chu", "joo"),
            new Syllable("하", "ha", "ha", "ha"), new Syllable("윤", "yun", "yun", "yoon"),
            new Syllable("도", "do", "to", "do"), new Syllable("병", "byeong", "pyŏng", "byung"),
            new Syllable("종", "jong", "chong", "jong"), new Syllable("국", "guk", "kuk", "kook"),
            new Syllable("춘", "chun", "ch'un", "chun"), new Syllable("복", "bok", "pok", "bok"),
            new Syllable("만", "man", "man", "man"), new Syllable("길", "gil", "kil", "gil"),
            new Syllable("학", "hak", "hak", "hak"), new Syllable("승", "seung", "sŭng", "seung"),
            new Syllable("환", "hwan", "hwan", "hwan"), new Syllable("규", "gyu", "kyu", "kyu"),
            new Syllable("식", "sik", "sik", "shik"), new Syllable("덕", "deok", "tŏk", "duk"),
            new Syllable("봉", "bong", "pong", "bong"), new Syllable("창", "chang", "ch'ang", "chang"));

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.forBenchmarks(root,
                root.resolve("deploy/benchmarks/target/search-benchmark")), out)) {
            // Seeding goes straight to Kafka and only the case service is measured.
            system.stopService(HomewardService.NOTIFICATION);
            system.stopService(HomewardService.INTAKE);
            URI caseService = system.baseUrl(HomewardService.CASE);
            bearer = system.token("benchmark-org", "benchmark", "caseworker");

            Random random = new Random(20261130L);
            List<Seeded> sample = new ArrayList<>();
            seed(system.infrastructure(), caseService, cases, random, sample, out);
            out.println("Load average before the queries: " + loadAverage());
            Measurements.report("SearchBenchmark", out, queries(caseService, sample, random));
            out.println("Load average after the queries: " + loadAverage());
            Seeded kim = sample.stream().filter(p -> p.surnameCommon().equals("Kim")).findFirst()
                    .orElse(sample.get(0));
            explain(system.infrastructure(), sample.get(0).caseId(), kim.caseId(), out);
        }
    }

    /** Publishes {@code count} openings and waits until the case service has taken them all. */
    static void seed(Infrastructure infrastructure, URI caseService, int count, Random random,
            List<Seeded> sample, PrintStream out) throws Exception {
        out.println("Seeding " + count + " cases through case-events ...");
        Instant start = Instant.now();
        Map<String, Object> config = Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "acks", "all", "enable.idempotence", "true", "linger.ms", "20", "compression.type", "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                Seeded person = person(random);
                CaseOpened opened = opening(person, random);
                if (i % Math.max(1, count / 2000) == 0) {
                    sample.add(person);
                }
                CloudEvent<CaseEventData> event = CloudEvent.caseEvent(UUID.randomUUID(), person.caseId(),
                        "urn:homeward:benchmark", Instant.parse("2025-01-09T06:00:00Z"), Instant.now(),
                        "benchmark-org", "seeder", opened);
                producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, person.caseId().toString(),
                        EventCodec.encode(event)));
            }
            producer.flush();
        }
        out.printf(Locale.ROOT, "Published in %d s; waiting for the case service ...%n",
                Duration.between(start, Instant.now()).toSeconds());
        Instant deadline = Instant.now().plus(Duration.ofHours(2));
        long taken = 0;
        long lastPrint = 0;
        while (taken < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the case service took only " + taken + " of " + count);
            }
            TimeUnit.SECONDS.sleep(2);
            taken = number(get(caseService, "/api/v1/statistics"), "total");
            if (taken - lastPrint >= 10_000) {
                out.printf(Locale.ROOT, "  %d cases after %d s%n", taken, Duration.between(start, Instant.now())
                        .toSeconds());
                lastPrint = taken;
            }
        }
        Duration took = Duration.between(start, Instant.now());
        out.printf(Locale.ROOT, "Seeded %d cases in %d s (%.0f CASE_OPENED events/s taken by the case service)%n",
                count, took.toSeconds(), count / (took.toNanos() / 1e9));
    }

    private static Measurements[] queries(URI caseService, List<Seeded> sample, Random random) throws Exception {
        // Cursors deep into the lists, found by walking them once (unmeasured): where a client that reads page after
        // page arrives. The list of everything 100 a page down to 20,000 cases deep; a surname's search 20 a page.
        List<String> deepList = cursors(caseService, "/api/v1/cases?size=100", 200, 10);
        Seeded kim = sample.stream().filter(p -> p.surnameCommon().equals("Kim")).findFirst().orElse(sample.get(0));
        List<String> deepSurname = cursors(caseService, "/api/v1/cases?size=100&q=" + encode(kim.surnameCommon()),
                200, 10);
        out().printf(Locale.ROOT, "Cursors: %d into the list of everything (1,000 to %,d cases deep), %d into the"
                + " search for %s (up to %,d deep)%n", deepList.size(), deepList.size() * 1000, deepSurname.size(),
                kim.surnameCommon(), deepSurname.size() * 1000);
        List<Measurements> results = new ArrayList<>();
        results.add(time(caseService, "GET case by id", random, sample,
                p -> "/api/v1/cases/" + p.caseId()));
        results.add(time(caseService, "list: everything, first page", random, sample,
                p -> "/api/v1/cases"));
        results.add(time(caseService, "list: category", random, sample,
                p -> "/api/v1/cases?category=" + p.category()));
        results.add(time(caseService, "list: category + state", random, sample,
                p -> "/api/v1/cases?category=" + p.category() + "&state=REPORTED"));
        results.add(time(caseService, "list: deep page by cursor", random, sample,
                p -> "/api/v1/cases?after=" + deepList.get(random.nextInt(deepList.size()))));
        results.add(time(caseService, "list: deep page by cursor, size 100", random, sample,
                p -> "/api/v1/cases?size=100&after=" + deepList.get(random.nextInt(deepList.size()))));
        results.add(time(caseService, "list: page 50 (1,000 skipped, the bound)", random, sample,
                p -> "/api/v1/cases?page=50"));
        results.add(time(caseService, "search: full name in Hangul", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.hangul())));
        results.add(time(caseService, "search: full name in MR", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.mr())));
        results.add(time(caseService, "search: common spelling, given first", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.givenCommon() + " " + p.surnameCommon())));
        results.add(time(caseService, "search: lower case, no hyphen (RR)", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.rr().toLowerCase(Locale.ROOT).replace("-", " "))));
        results.add(time(caseService, "search: full name + category + state", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.common()) + "&category=" + p.category() + "&state=REPORTED"));
        results.add(time(caseService, "search: surname only (e.g. Kim)", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.surnameCommon())));
        results.add(time(caseService, "search: surname + category", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.surnameCommon()) + "&category=" + p.category()));
        results.add(time(caseService, "search: surname, deep page by cursor", random, sample,
                p -> "/api/v1/cases?q=" + encode(kim.surnameCommon()) + "&after="
                        + deepSurname.get(random.nextInt(deepSurname.size()))));
        results.add(time(caseService, "search: given name only", random, sample,
                p -> "/api/v1/cases?q=" + encode(p.givenCommon())));
        results.add(time(caseService, "search: a name nobody has", random, sample,
                p -> "/api/v1/cases?q=" + encode("Zzyzx Qwerty")));
        results.add(time(caseService, "possible duplicates of a case", random, sample,
                p -> "/api/v1/cases/" + p.caseId() + "/possible-duplicates"));
        results.add(time(caseService, "statistics", random, sample, p -> "/api/v1/statistics"));
        results.add(time(caseService, "statistics of a category", random, sample,
                p -> "/api/v1/statistics?category=" + p.category()));
        return results.toArray(new Measurements[0]);
    }

    private static PrintStream out() {
        return System.out;
    }

    /** Walks a list by its cursors, {@code pages} pages at most, keeping every {@code every}th page's cursor. */
    private static List<String> cursors(URI base, String first, int pages, int every) throws Exception {
        List<String> kept = new ArrayList<>();
        String next = null;
        for (int page = 1; page <= pages; page++) {
            String body = get(base, next == null ? first : first + "&after=" + next);
            Matcher m = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                break;
            }
            next = m.group(1);
            if (page % every == 0 || page == pages) {
                kept.add(next);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalStateException(first + " has no second page");
        }
        return kept;
    }

    private static Measurements time(URI base, String name, Random random, List<Seeded> sample,
            Function<Seeded, String> path) throws Exception {
        Measurements m = new Measurements(name);
        Instant started = null;
        for (int i = 0; i < WARM_UP + REQUESTS; i++) {
            if (i == WARM_UP) {
                started = Instant.now();
            }
            String uri = path.apply(sample.get(random.nextInt(sample.size())));
            long t0 = System.nanoTime();
            String body = get(base, uri);
            long elapsed = System.nanoTime() - t0;
            if (i >= WARM_UP) {
                m.record(elapsed);
            }
            if (i == WARM_UP + REQUESTS - 1) {
                System.out.printf(Locale.ROOT, "  %-40s last answer: total %s%n", name,
                        body.contains("\"total\"") ? String.valueOf(number(body, "total")) : "-");
            }
        }
        m.wallClock(Duration.between(started, Instant.now()));
        return m;
    }

    /**
     * Prints PostgreSQL's plan (EXPLAIN (ANALYZE, BUFFERS)) of each kind of statement the case service runs for the
     * queries above, as NameIndex and CaseCounts write them, with the keys of a sampled case (the stored keys are keyed
     * hashes, docs/search.md, so the case's own are taken) and positions deep in the lists.
     */
    private static void explain(Infrastructure infrastructure, UUID someCase, UUID aKim, PrintStream out)
            throws Exception {
        Properties props = new Properties();
        props.setProperty("user", infrastructure.databaseUser());
        if (!infrastructure.databasePassword().isEmpty()) {
            props.setProperty("password", infrastructure.databasePassword());
        }
        String org = "'benchmark-org'";
        try (Connection db = DriverManager.getConnection(infrastructure.jdbcUrl("cases"), props)) {
            String full = "'" + storedKey(db, someCase, "FULL") + "'";
            // A surname a fifth of the cases share (Kim), and a given-name key besides, as the query "Kim" reads.
            String surname = "'" + storedKey(db, aKim, "SURNAME") + "'";
            String given = "'" + storedKey(db, aKim, "GIVEN") + "'";
            String exact = "'" + storedKey(db, someCase, "EXACT") + "'";
            String deep = position(db, "select opened_at, case_id from case_access where organisation = " + org
                    + " order by opened_at desc, case_id desc offset 20000 limit 1");
            String deepSurname = position(db, "select opened_at, case_id from case_name_keys where kind = 'SURNAME'"
                    + " and name_key = " + surname + " order by opened_at desc, case_id desc offset 4000 limit 1");
            String visible = "exists (select 1 from case_access a where a.case_id = k.case_id and a.organisation = "
                    + org + ")";
            String visibleFiltered = "exists (select 1 from case_access a where a.case_id = k.case_id and"
                    + " a.organisation = " + org + " and a.category = 'SOUTH_KOREAN_POW' and a.state = 'REPORTED')";
            Map<String, String> statements = new java.util.LinkedHashMap<>();
            statements.put("list: everything, first page (NameIndex.list)", "select a.case_id, a.opened_at from"
                    + " case_access a where a.organisation = " + org
                    + " order by a.opened_at desc, a.case_id desc limit 21 offset 0");
            statements.put("list: category + state", "select a.case_id, a.opened_at from case_access a where"
                    + " a.organisation = " + org + " and a.category = 'SOUTH_KOREAN_POW' and a.state = 'REPORTED'"
                    + " order by a.opened_at desc, a.case_id desc limit 21 offset 0");
            statements.put("list: after a cursor 20,000 cases deep", "select a.case_id, a.opened_at from case_access a"
                    + " where a.organisation = " + org + " and (a.opened_at, a.case_id) < " + deep
                    + " order by a.opened_at desc, a.case_id desc limit 101 offset 0");
            statements.put("list: its total (case_counts)", "select coalesce(sum(cases), 0) from case_counts a where"
                    + " a.organisation = " + org + " and a.category = 'SOUTH_KOREAN_POW' and a.state = 'REPORTED'");
            statements.put("search: full name, rank 1 (FULL), after rank 0 (EXACT) found none",
                    rankPage(List.of("FULL:" + full), List.of("EXACT:" + exact), visible, null));
            statements.put("search: full name + category + state",
                    rankPage(List.of("FULL:" + full), List.of("EXACT:" + exact), visibleFiltered, null));
            statements.put("search: surname + category",
                    rankPage(List.of("SURNAME:" + surname, "GIVEN:" + given), List.of("EXACT:" + exact, "FULL:" + full),
                            visible.replace(")", " and a.category = 'SOUTH_KOREAN_POW')"), null));
            statements.put("search: surname, rank 2 (SURNAME, GIVEN) below EXACT and FULL",
                    rankPage(List.of("SURNAME:" + surname, "GIVEN:" + given), List.of("EXACT:" + exact, "FULL:" + full),
                            visible, null));
            statements.put("search: surname, after a cursor 4,000 cases deep",
                    rankPage(List.of("SURNAME:" + surname, "GIVEN:" + given), List.of("EXACT:" + exact, "FULL:" + full),
                            visible, deepSurname));
            statements.put("search: surname + category, its bounded count (first 500 candidates)",
                    "select count(*), count(distinct y.case_id) filter (where y.shown) from (select x.case_id,"
                    + " v.shown from ((select k.case_id from case_name_keys k where k.kind = 'SURNAME' and"
                    + " k.name_key = " + surname + ") union all (select k.case_id from case_name_keys k where"
                    + " k.kind = 'GIVEN' and k.name_key = " + given + ")) x left join lateral (select true as shown"
                    + " from case_access a where a.case_id = x.case_id and a.organisation = " + org
                    + " and a.category = 'SOUTH_KOREAN_POW' limit 1) v on true limit 500) y");
            statements.put("statistics (CaseCounts)", "select category, state, age_group, year_taken, cases from"
                    + " case_counts where organisation = " + org + " and cases <> 0");
            out.println("\nSizes (pg_total_relation_size: table, indexes, TOAST):");
            try (PreparedStatement sizes = db.prepareStatement("select relname, pg_size_pretty("
                    + "pg_total_relation_size(oid)), reltuples::bigint from pg_class where relname in ('cases',"
                    + " 'case_access', 'case_name_keys', 'case_counts', 'audit_log', 'timeline_entries')"
                    + " order by pg_total_relation_size(oid) desc"); ResultSet rs = sizes.executeQuery()) {
                while (rs.next()) {
                    out.printf(Locale.ROOT, "  %-18s %10s  ~%,d rows%n", rs.getString(1), rs.getString(2),
                            rs.getLong(3));
                }
            }
            for (Map.Entry<String, String> statement : statements.entrySet()) {
                out.println("\nPlan of " + statement.getKey() + " (EXPLAIN (ANALYZE, BUFFERS)):");
                try (PreparedStatement plan = db.prepareStatement("explain (analyze, buffers) "
                        + statement.getValue()); ResultSet rs = plan.executeQuery()) {
                    while (rs.next()) {
                        out.println("  " + rs.getString(1));
                    }
                }
            }
        }
    }

    /** The statement NameIndex.rankPage writes: one ordered, limited branch per key ("KIND:'key'"), merged. */
    private static String rankPage(List<String> keys, List<String> lower, String visible, String after) {
        StringBuilder common = new StringBuilder();
        if (after != null) {
            common.append(" and (k.opened_at, k.case_id) < ").append(after);
        }
        common.append(" and ").append(visible);
        if (!lower.isEmpty()) {
            common.append(" and not exists (select 1 from case_name_keys l where l.case_id = k.case_id"
                    + " and (l.kind, l.name_key) in (");
            for (int i = 0; i < lower.size(); i++) {
                String[] kv = lower.get(i).split(":", 2);
                common.append(i == 0 ? "" : ", ").append("('").append(kv[0]).append("', ").append(kv[1]).append(')');
            }
            common.append("))");
        }
        StringBuilder sql = new StringBuilder("select case_id, opened_at from (");
        for (int i = 0; i < keys.size(); i++) {
            String[] kv = keys.get(i).split(":", 2);
            sql.append(i == 0 ? "" : " union all ")
                    .append("(select k.case_id, k.opened_at from case_name_keys k where k.kind = '").append(kv[0])
                    .append("' and k.name_key = ").append(kv[1]).append(common)
                    .append(" order by k.opened_at desc, k.case_id desc limit 21)");
        }
        return sql.append(") m order by opened_at desc, case_id desc limit 21").toString();
    }

    /** "(timestamptz '…', '…'::uuid)" of the row the statement finds: a cursor's position, for the plans. */
    private static String position(Connection db, String select) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(select); ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return "(timestamptz '-infinity', '00000000-0000-0000-0000-000000000000'::uuid)";
            }
            return "(timestamptz '" + rs.getObject(1, java.time.OffsetDateTime.class) + "', '" + rs.getString(2)
                    + "'::uuid)";
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String storedKey(Connection db, UUID caseId, String kind) throws Exception {
        try (PreparedStatement keys = db.prepareStatement(
                "select name_key from case_name_keys where case_id = ? and kind = ? limit 1")) {
            keys.setObject(1, caseId);
            keys.setString(2, kind);
            try (ResultSet rs = keys.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Seeded person(Random random) {
        Surname surname = surname(random);
        Syllable first = SYLLABLES.get(random.nextInt(SYLLABLES.size()));
        Syllable second = SYLLABLES.get(random.nextInt(SYLLABLES.size()));
        Category category = Category.values()[random.nextInt(Category.values().length)];
        String hangul = surname.hangul() + first.hangul() + second.hangul();
        String rr = surname.rr() + " " + capital(first.rr()) + "-" + second.rr();
        String mr = surname.mr() + " " + capital(first.mr()) + "-" + second.mr();
        String givenCommon = capital(first.common()) + "-" + second.common();
        String common = surname.common() + " " + givenCommon;
        return new Seeded(UUID.randomUUID(), category, hangul, rr, mr, common, givenCommon, surname.common());
    }

    private static CaseOpened opening(Seeded person, Random random) {
        List<String> romanized = new ArrayList<>();
        int form = random.nextInt(10);
        String hangul = form == 0 ? null : person.hangul(); // one in ten has only romanised names
        List<String> spellings = List.of(person.rr(), person.mr(), person.common());
        int names = hangul == null ? 1 + random.nextInt(2) : random.nextInt(3);
        for (int i = 0; i < names; i++) {
            String spelling = spellings.get(random.nextInt(spellings.size()));
            if (!romanized.contains(spelling)) {
                romanized.add(spelling);
            }
        }
        int[] born = bornRange(person.category());
        Integer birthYear = random.nextInt(20) == 0 ? null : born[0] + random.nextInt(born[1] - born[0] + 1);
        int[] taken = takenRange(person.category());
        LocalDate dateTaken = random.nextInt(10) == 0 ? null
                : LocalDate.of(taken[0] + random.nextInt(taken[1] - taken[0] + 1), 1 + random.nextInt(12),
                        1 + random.nextInt(28));
        return new CaseOpened(person.category(), new Person(hangul, romanized, birthYear, null, null), null,
                dateTaken);
    }

    private static int[] bornRange(Category category) {
        switch (category) {
            case SOUTH_KOREAN_POW: return new int[] {1920, 1935};
            case WAR_ABDUCTEE: return new int[] {1900, 1940};
            case POSTWAR_ABDUCTEE: return new int[] {1930, 1970};
            case DETAINEE: return new int[] {1950, 1990};
            case NORTH_KOREAN_POW: return new int[] {1995, 2007};
            default: return new int[] {1960, 2005};
        }
    }

    private static int[] takenRange(Category category) {
        switch (category) {
            case SOUTH_KOREAN_POW: return new int[] {1950, 1953};
            case WAR_ABDUCTEE: return new int[] {1950, 1950};
            case POSTWAR_ABDUCTEE: return new int[] {1955, 1990};
            case DETAINEE: return new int[] {2013, 2016};
            case NORTH_KOREAN_POW: return new int[] {2024, 2025};
            default: return new int[] {2005, 2025};
        }
    }

    private static Surname surname(Random random) {
        int total = SURNAMES.stream().mapToInt(Surname::perMille).sum();
        int pick = random.nextInt(total);
        for (Surname s : SURNAMES) {
            pick -= s.perMille();
            if (pick < 0) {
                return s;
            }
        }
        return SURNAMES.get(0);
    }

    private static String capital(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String get(URI base, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in the answer");
        }
        return Long.parseLong(m.group(1));
    }
}
