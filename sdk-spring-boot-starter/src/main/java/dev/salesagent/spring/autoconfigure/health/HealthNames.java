package dev.salesagent.spring.autoconfigure.health;

/** Display names of health contributors. */
final class HealthNames {

    private static final String CRM_SUFFIX = "CrmClient";

    private HealthNames() {
    }

    /** {@code salesCrmClient} becomes {@code sales}; other bean names stay as they are. */
    static String crmName(String beanName) {
        return beanName.endsWith(CRM_SUFFIX) && beanName.length() > CRM_SUFFIX.length()
                ? beanName.substring(0, beanName.length() - CRM_SUFFIX.length())
                : beanName;
    }
}
