//! The 45 demo application segments, as a table (one row per segment).
//! It owns that table only.

use crate::seed::{EMOJI_NAME, LONG_UNICODE, XSS_IMG, XSS_SCRIPT};

/// (name, domains, flat from/to port list, segment group index, description
/// override). An empty description becomes "Access to <first domain>".
pub type AppDef = (
    &'static str,
    &'static str,
    &'static [&'static str],
    usize,
    &'static str,
);

/// Segment group index 5 is the Contractors microtenant's group.
#[rustfmt::skip]
pub const APPS: &[AppDef] = &[
    ("Intranet Portal", "intranet.corp.example.com", &["443", "443"], 0, ""),
    ("Confluence Wiki", "wiki.corp.example.com", &["443", "443"], 0, ""),
    ("Jira", "jira.corp.example.com", &["443", "443", "8080", "8080"], 0, ""),
    ("Corporate Email (OWA)", "mail.corp.example.com", &["443", "443"], 0, ""),
    ("SharePoint On-Prem", "sharepoint.corp.example.com", &["443", "443"], 0, ""),
    ("Expense Tracker", "expenses.corp.example.com", &["443", "443"], 0, ""),
    ("Travel Booking", "travel.corp.example.com", &["443", "443"], 0, ""),
    ("Employee Directory", "directory.corp.example.com", &["389", "389", "636", "636"], 0, ""),
    ("Partner Portal", "partners.example.com", &["443", "443"], 0, XSS_IMG),
    ("Supplier Onboarding", "suppliers.example.com", &["443", "443"], 0, ""),
    (XSS_SCRIPT, "xss-test.corp.example.com", &["443", "443"], 0, XSS_SCRIPT),
    (LONG_UNICODE, "unicode.corp.example.com", &["443", "443"], 0, LONG_UNICODE),
    (EMOJI_NAME, "launch.corp.example.com", &["443", "443"], 0, "Release dashboard 🚀✨"),
    ("Finance ERP", "erp.finance.example.com", &["443", "443", "8443", "8443"], 1, ""),
    ("SAP S/4HANA", "sap.finance.example.com", &["3200", "3299"], 1, ""),
    ("Payroll", "payroll.finance.example.com", &["443", "443"], 1, ""),
    ("Treasury Dashboard", "treasury.finance.example.com", &["443", "443"], 1, ""),
    ("Accounts Payable", "ap.finance.example.com", &["443", "443"], 1, ""),
    ("Tax Reporting", "tax.finance.example.com", &["443", "443"], 1, ""),
    ("Billing API", "billing-api.finance.example.com", &["8443", "8443"], 1, ""),
    ("GitLab", "gitlab.eng.example.com", &["22", "22", "443", "443"], 2, ""),
    ("Jenkins CI", "jenkins.eng.example.com", &["8080", "8080"], 2, ""),
    ("Artifactory", "artifactory.eng.example.com", &["443", "443"], 2, ""),
    ("Grafana", "grafana.eng.example.com", &["3000", "3000"], 2, ""),
    ("Kibana", "kibana.eng.example.com", &["5601", "5601"], 2, ""),
    ("Prometheus", "prometheus.eng.example.com", &["9090", "9090"], 2, ""),
    ("SonarQube", "sonar.eng.example.com", &["9000", "9000"], 2, ""),
    ("Staging Cluster API", "k8s-staging.eng.example.com", &["6443", "6443"], 2, ""),
    ("Workday Connector", "hr.corp.example.com", &["443", "443"], 3, ""),
    ("Benefits Portal", "benefits.hr.example.com", &["443", "443"], 3, ""),
    ("Recruiting ATS", "ats.hr.example.com", &["443", "443"], 3, ""),
    ("Learning Management", "lms.hr.example.com", &["443", "443"], 3, ""),
    ("Performance Reviews", "reviews.hr.example.com", &["443", "443"], 3, ""),
    ("Bastion SSH", "bastion.dc1.example.com", &["22", "22"], 4, ""),
    ("RDP Jump Hosts", "*.jump.dc1.example.com", &["3389", "3389"], 4, ""),
    ("vCenter", "vcenter.dc1.example.com", &["443", "443"], 4, ""),
    ("Network Monitoring (Zabbix)", "zabbix.dc1.example.com", &["10050", "10051"], 4, ""),
    ("Backup Console", "backup.dc1.example.com", &["8443", "8443"], 4, ""),
    ("IPAM & DNS Management", "ipam.dc1.example.com", &["443", "443"], 4, ""),
    ("Printer Fleet", "printers.dc1.example.com", &["631", "631", "9100", "9100"], 4, ""),
    ("Database Cluster (PostgreSQL)", "pg.dc1.example.com", &["5432", "5432"], 4, ""),
    ("Redis Cache", "redis.dc1.example.com", &["6379", "6379"], 4, ""),
    ("LDAP Directory", "ldap.dc1.example.com", &["389", "389", "636", "636"], 4, ""),
    ("Contractor Timesheets", "timesheets.contractors.example.com", &["443", "443"], 5, ""),
    ("Vendor Ticketing", "tickets.vendors.example.com", &["443", "443"], 5, ""),
];
