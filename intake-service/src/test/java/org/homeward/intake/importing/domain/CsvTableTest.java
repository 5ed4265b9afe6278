package org.homeward.intake.importing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.homeward.intake.importing.domain.CsvTable.MalformedCsvException;
import org.homeward.intake.importing.domain.CsvTable.Row;
import org.junit.jupiter.api.Test;

/** RFC 4180 as spreadsheets write it, with the line each row starts on. */
class CsvTableTest {

    @Test
    void readsHeaderRowsAndTheLineEachRowStartsOn() {
        CsvTable table = CsvTable.parse("\uFEFFa,b,c\r\n1,\"two, with comma\",3\r\n\"multi\nline\",\"say \"\"hi\"\"\",\r\n,,\nx,y,z");
        assertEquals(List.of("a", "b", "c"), table.header());
        assertEquals(List.of(new Row(2, List.of("1", "two, with comma", "3")),
                new Row(3, List.of("multi\nline", "say \"hi\"", "")),
                new Row(6, List.of("x", "y", "z"))), table.rows());
    }

    @Test
    void anEmptyQuotedCellIsACell() {
        assertEquals(List.of(new Row(2, List.of("", "b"))), CsvTable.parse("a,b\n\"\",b\n").rows());
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpenedOn() {
        MalformedCsvException e = assertThrows(MalformedCsvException.class, () -> CsvTable.parse("a,b\n1,2\n\"3,4\n5,6\n"));
        assertEquals(3, e.line());
        assertEquals(4, assertThrows(MalformedCsvException.class, () -> CsvTable.parse("a\n1\n\n\"x\"y\n")).line());
    }

    @Test
    void nothingButBlankLinesIsAnEmptyTable() {
        assertEquals(new CsvTable(List.of(), List.of()), CsvTable.parse("\n,,\r\n"));
    }
}
