import Domain
import Settings

extension Configuration {
    /// The DATEV export settings from `CODEZERO_DATEV_*` (all optional; SKR03 defaults).
    static func loadDATEV(from reader: inout SettingsReader) -> DATEVSettings {
        var settings = DATEVSettings()
        settings.consultantNumber = reader.integer(
            "CODEZERO_DATEV_CONSULTANT", default: settings.consultantNumber, in: 1001...9_999_999)
        settings.clientNumber = reader.integer("CODEZERO_DATEV_CLIENT", default: settings.clientNumber, in: 1...99_999)
        settings.chartOfAccounts = reader.text("CODEZERO_DATEV_SKR") ?? settings.chartOfAccounts
        settings.fiscalYearStartMonth = reader.integer(
            "CODEZERO_DATEV_FISCAL_YEAR_START_MONTH", default: settings.fiscalYearStartMonth, in: 1...12)
        settings.revenueStandard = reader.integer(
            "CODEZERO_DATEV_ACCOUNT_STANDARD", default: settings.revenueStandard, in: 1000...9999)
        settings.revenueReverseCharge = reader.integer(
            "CODEZERO_DATEV_ACCOUNT_REVERSE_CHARGE", default: settings.revenueReverseCharge, in: 1000...9999)
        settings.revenueOutsideScope = reader.integer(
            "CODEZERO_DATEV_ACCOUNT_OUTSIDE_EU", default: settings.revenueOutsideScope, in: 1000...9999)
        settings.firstDebtorAccount = reader.integer(
            "CODEZERO_DATEV_FIRST_DEBTOR", default: settings.firstDebtorAccount, in: 10000...69999)
        for problem in settings.problems { reader.problem("CODEZERO_DATEV_*", problem) }
        return settings
    }

    /// The DATEV settings for `check-config`.
    func datevSettings() -> [(key: String, value: String)] {
        [
            ("CODEZERO_DATEV_CONSULTANT", "\(datev.consultantNumber)"),
            ("CODEZERO_DATEV_CLIENT", "\(datev.clientNumber)"),
            ("CODEZERO_DATEV_SKR", datev.chartOfAccounts),
            ("CODEZERO_DATEV_FISCAL_YEAR_START_MONTH", "\(datev.fiscalYearStartMonth)"),
            ("CODEZERO_DATEV_ACCOUNT_STANDARD", "\(datev.revenueStandard)"),
            ("CODEZERO_DATEV_ACCOUNT_REVERSE_CHARGE", "\(datev.revenueReverseCharge)"),
            ("CODEZERO_DATEV_ACCOUNT_OUTSIDE_EU", "\(datev.revenueOutsideScope)"),
            ("CODEZERO_DATEV_FIRST_DEBTOR", "\(datev.firstDebtorAccount)"),
        ]
    }
}
