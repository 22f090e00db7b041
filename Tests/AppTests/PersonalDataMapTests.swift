import Foundation
import Postgres
import Storage
import TestSupport
import Testing

/// Every table of the schema is classified for export and erasure: a table added later fails here until it is
/// in `PersonalDataMap` (and, holding personal data, exported and erased).
@Suite struct PersonalDataMapTests {
    /// Column names that mean personal data (of a user or a company, or a person's traces).
    static let personalColumns: Set<String> = [
        "user_id", "company_id", "email", "ip", "user_agent", "recipient", "recipient_name", "name", "payload",
        "subject", "actor_user_id", "created_by", "closed_by", "buyer", "vat_id", "street", "referred_company_id",
        "referrer_company_id", "key",
    ]

    @Test func everyTableIsClassifiedAndNoneWithPersonalColumnsIsCalledFree() throws {
        let database = try TestDatabase.makeMigrated()
        let rows = try database.connect().query(
            """
            SELECT t.table_name::text AS name, coalesce(string_agg(c.column_name::text, ','), '') AS columns
            FROM information_schema.tables t
            JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
            WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            GROUP BY t.table_name ORDER BY t.table_name
            """)
        var seen: Set<String> = []
        for row in rows {
            let table = try row.string("name")
            let columns = Set(try row.string("columns").split(separator: ",").map(String.init))
            seen.insert(table)
            let treated = PersonalDataMap.tables[table] != nil
            let free = PersonalDataMap.withoutPersonalData[table] != nil
            #expect(
                treated != free,
                "table \(table) must be in exactly one of PersonalDataMap.tables / .withoutPersonalData")
            if free && table != "schema_migrations" {  // the migrator's file names
                #expect(
                    columns.isDisjoint(with: Self.personalColumns),
                    "\(table) has personal columns \(columns.intersection(Self.personalColumns)) but is called free")
            }
        }
        let mapped = Set(PersonalDataMap.tables.keys).union(PersonalDataMap.withoutPersonalData.keys)
        #expect(mapped.subtracting(seen).isEmpty, "mapped tables that do not exist: \(mapped.subtracting(seen))")
    }

    /// The map's export sections are exactly the sections the export produces.
    @Test func exportSectionsMatchTheExport() {
        var sections: Set<String> = []
        for treatment in PersonalDataMap.tables.values {
            if case .section(let key) = treatment.export { sections.insert(key) }
        }
        #expect(sections == Set(PersonalDataStore.sectionKeys))
    }
}
