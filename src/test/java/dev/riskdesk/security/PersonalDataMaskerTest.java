package dev.riskdesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PersonalDataMaskerTest {
    @Test
    void masksAsOperatorsExpect() {
        assertEquals("张*三", PersonalDataMasker.name("张小三"));
        assertEquals("李*", PersonalDataMasker.name("李四"));
        assertEquals("欧**娜", PersonalDataMasker.name("欧阳丽娜"));
        assertEquals("138****1234", PersonalDataMasker.phone("13800001234"));
        assertEquals("110***********1234", PersonalDataMasker.idNumber("110101199001011234"));
    }
}
