package org.homeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Free ports for test systems: a system picks all of its ports before it binds any, so no pick may repeat. */
class PortsTest {

    @Test
    void noPortIsHandedOutTwiceAndAllLieBelowTheEphemeralRange() {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 1_500; i++) { // more than one band: the picks go on in the whole range
            int port = Ports.freePort();
            assertTrue(port >= Ports.FIRST && port < Ports.LAST, "port " + port);
            picked.add(port);
        }
        assertEquals(1_500, picked.size());
    }
}
