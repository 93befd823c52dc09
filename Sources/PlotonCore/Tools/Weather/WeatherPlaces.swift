import Foundation

/// The places the weather sandbox knows, as Open-Meteo's geocoding names them: the world's larger
/// cities and those the docs and tests use. Another name shaped like a place gets a stable invented
/// point; a name no place could have is `place_not_found`, as it is live.
enum WeatherPlaces {
    struct Place {
        var name: String
        var latitude: Double
        var longitude: Double
        var country: String
        var timezone: String
    }

    /// By name, in any case and with or without accents; a name with a region or country after a comma (`Paris, France`) is looked
    /// up by the part before the comma.
    static func named(_ name: String) -> Place? {
        let key = name.lowercased().folding(options: .diacriticInsensitive, locale: nil).trimmingCharacters(in: .whitespaces)
        if let place = byName[key] { return place }
        guard let comma = key.firstIndex(of: ",") else { return nil }
        return byName[key[..<comma].trimmingCharacters(in: .whitespaces)]
    }

    /// Letters, with the spaces, dots, commas, apostrophes, hyphens and brackets place names use; at
    /// most six words and 100 characters.
    static func isPlaceShaped(_ name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 100, trimmed.split(separator: " ").count <= 6,
            trimmed.unicodeScalars.contains(where: CharacterSet.letters.contains)
        else { return false }
        return trimmed.unicodeScalars.allSatisfy { placeCharacters.contains($0) }
    }

    private static let placeCharacters = CharacterSet.letters.union(.whitespaces).union(CharacterSet(charactersIn: ".,'’-()"))

    /// The countries of the places known, lower-cased, and the short names people write for some of them.
    static let countries: Set<String> = Set(table.map { $0.country.lowercased() }).union(["usa", "us", "uk", "uae", "england", "scotland"])

    private static let byName: [String: Place] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.name.lowercased().folding(options: .diacriticInsensitive, locale: nil), $0) }
            + aliases.compactMap { alias, name in table.first { $0.name == name }.map { (alias, $0) } })

    private static let aliases = [
        "nyc": "New York", "new york city": "New York", "sf": "San Francisco", "la": "Los Angeles", "munchen": "Munich",
        "delhi": "New Delhi", "bengaluru": "Bangalore",
        "washington dc": "Washington", "washington, d.c.": "Washington",
        // Names in the place's own language, as people abroad write them.
        "lisboa": "Lisbon", "sevilla": "Seville", "roma": "Rome", "milano": "Milan", "firenze": "Florence", "napoli": "Naples",
        "venezia": "Venice", "wien": "Vienna", "praha": "Prague", "warszawa": "Warsaw", "koln": "Cologne", "frankfurt": "Frankfurt am Main",
        "bruxelles": "Brussels", "brussel": "Brussels", "geneve": "Geneva", "genf": "Geneva", "kobenhavn": "Copenhagen",
        "moskva": "Moscow", "ciudad de mexico": "Mexico City", "cdmx": "Mexico City", "bombay": "Mumbai",
    ]

    // swift-format-ignore
    private static let table: [Place] = [
        Place(name: "San Francisco", latitude: 37.77493, longitude: -122.41942, country: "United States", timezone: "America/Los_Angeles"),
        Place(name: "Los Angeles", latitude: 34.05223, longitude: -118.24368, country: "United States", timezone: "America/Los_Angeles"),
        Place(name: "Seattle", latitude: 47.60621, longitude: -122.33207, country: "United States", timezone: "America/Los_Angeles"),
        Place(name: "Denver", latitude: 39.73915, longitude: -104.9847, country: "United States", timezone: "America/Denver"),
        Place(name: "Austin", latitude: 30.26715, longitude: -97.74306, country: "United States", timezone: "America/Chicago"),
        Place(name: "Chicago", latitude: 41.85003, longitude: -87.65005, country: "United States", timezone: "America/Chicago"),
        Place(name: "New York", latitude: 40.71427, longitude: -74.00597, country: "United States", timezone: "America/New_York"),
        Place(name: "Boston", latitude: 42.35843, longitude: -71.05977, country: "United States", timezone: "America/New_York"),
        Place(name: "Washington", latitude: 38.89511, longitude: -77.03637, country: "United States", timezone: "America/New_York"),
        Place(name: "Miami", latitude: 25.77427, longitude: -80.19366, country: "United States", timezone: "America/New_York"),
        Place(name: "Honolulu", latitude: 21.30694, longitude: -157.85833, country: "United States", timezone: "Pacific/Honolulu"),
        Place(name: "Toronto", latitude: 43.70643, longitude: -79.39864, country: "Canada", timezone: "America/Toronto"),
        Place(name: "Montreal", latitude: 45.50884, longitude: -73.58781, country: "Canada", timezone: "America/Toronto"),
        Place(name: "Vancouver", latitude: 49.24966, longitude: -123.11934, country: "Canada", timezone: "America/Vancouver"),
        Place(name: "Mexico City", latitude: 19.42847, longitude: -99.12766, country: "Mexico", timezone: "America/Mexico_City"),
        Place(name: "Bogotá", latitude: 4.60971, longitude: -74.08175, country: "Colombia", timezone: "America/Bogota"),
        Place(name: "Lima", latitude: -12.04318, longitude: -77.02824, country: "Peru", timezone: "America/Lima"),
        Place(name: "Santiago", latitude: -33.45694, longitude: -70.64827, country: "Chile", timezone: "America/Santiago"),
        Place(name: "Buenos Aires", latitude: -34.61315, longitude: -58.37723, country: "Argentina", timezone: "America/Argentina/Buenos_Aires"),
        Place(name: "São Paulo", latitude: -23.5475, longitude: -46.63611, country: "Brazil", timezone: "America/Sao_Paulo"),
        Place(name: "Rio de Janeiro", latitude: -22.90642, longitude: -43.18223, country: "Brazil", timezone: "America/Sao_Paulo"),
        Place(name: "London", latitude: 51.50853, longitude: -0.12574, country: "United Kingdom", timezone: "Europe/London"),
        Place(name: "Manchester", latitude: 53.48095, longitude: -2.23743, country: "United Kingdom", timezone: "Europe/London"),
        Place(name: "Edinburgh", latitude: 55.95206, longitude: -3.19648, country: "United Kingdom", timezone: "Europe/London"),
        Place(name: "Leeds", latitude: 53.79648, longitude: -1.54785, country: "United Kingdom", timezone: "Europe/London"),
        Place(name: "Birmingham", latitude: 52.48142, longitude: -1.89983, country: "United Kingdom", timezone: "Europe/London"),
        Place(name: "Glasgow", latitude: 55.86515, longitude: -4.25763, country: "United Kingdom", timezone: "Europe/London"),
        Place(name: "Dublin", latitude: 53.33306, longitude: -6.24889, country: "Ireland", timezone: "Europe/Dublin"),
        Place(name: "Reykjavik", latitude: 64.13548, longitude: -21.89541, country: "Iceland", timezone: "Atlantic/Reykjavik"),
        Place(name: "Lisbon", latitude: 38.71667, longitude: -9.13333, country: "Portugal", timezone: "Europe/Lisbon"),
        Place(name: "Porto", latitude: 41.14961, longitude: -8.61099, country: "Portugal", timezone: "Europe/Lisbon"),
        Place(name: "Seville", latitude: 37.38283, longitude: -5.97317, country: "Spain", timezone: "Europe/Madrid"),
        Place(name: "Valencia", latitude: 39.46975, longitude: -0.37739, country: "Spain", timezone: "Europe/Madrid"),
        Place(name: "Madrid", latitude: 40.4165, longitude: -3.70256, country: "Spain", timezone: "Europe/Madrid"),
        Place(name: "Barcelona", latitude: 41.38879, longitude: 2.15899, country: "Spain", timezone: "Europe/Madrid"),
        Place(name: "Paris", latitude: 48.85341, longitude: 2.3488, country: "France", timezone: "Europe/Paris"),
        Place(name: "Lyon", latitude: 45.74846, longitude: 4.84671, country: "France", timezone: "Europe/Paris"),
        Place(name: "Marseille", latitude: 43.29695, longitude: 5.38107, country: "France", timezone: "Europe/Paris"),
        Place(name: "Nice", latitude: 43.70313, longitude: 7.26608, country: "France", timezone: "Europe/Paris"),
        Place(name: "Brussels", latitude: 50.85045, longitude: 4.34878, country: "Belgium", timezone: "Europe/Brussels"),
        Place(name: "Amsterdam", latitude: 52.37403, longitude: 4.88969, country: "Netherlands", timezone: "Europe/Amsterdam"),
        Place(name: "Rotterdam", latitude: 51.9225, longitude: 4.47917, country: "Netherlands", timezone: "Europe/Amsterdam"),
        Place(name: "Utrecht", latitude: 52.09083, longitude: 5.12222, country: "Netherlands", timezone: "Europe/Amsterdam"),
        Place(name: "Zürich", latitude: 47.36667, longitude: 8.55, country: "Switzerland", timezone: "Europe/Zurich"),
        Place(name: "Geneva", latitude: 46.20222, longitude: 6.14569, country: "Switzerland", timezone: "Europe/Zurich"),
        Place(name: "Milan", latitude: 45.46427, longitude: 9.18951, country: "Italy", timezone: "Europe/Rome"),
        Place(name: "Rome", latitude: 41.89193, longitude: 12.51133, country: "Italy", timezone: "Europe/Rome"),
        Place(name: "Florence", latitude: 43.77925, longitude: 11.24626, country: "Italy", timezone: "Europe/Rome"),
        Place(name: "Naples", latitude: 40.85216, longitude: 14.26811, country: "Italy", timezone: "Europe/Rome"),
        Place(name: "Venice", latitude: 45.43713, longitude: 12.33265, country: "Italy", timezone: "Europe/Rome"),
        Place(name: "Berlin", latitude: 52.52437, longitude: 13.41053, country: "Germany", timezone: "Europe/Berlin"),
        Place(name: "Hamburg", latitude: 53.55073, longitude: 9.99302, country: "Germany", timezone: "Europe/Berlin"),
        Place(name: "Munich", latitude: 48.13743, longitude: 11.57549, country: "Germany", timezone: "Europe/Berlin"),
        Place(name: "Frankfurt am Main", latitude: 50.11552, longitude: 8.68417, country: "Germany", timezone: "Europe/Berlin"),
        Place(name: "Cologne", latitude: 50.93333, longitude: 6.95, country: "Germany", timezone: "Europe/Berlin"),
        Place(name: "Vienna", latitude: 48.20849, longitude: 16.37208, country: "Austria", timezone: "Europe/Vienna"),
        Place(name: "Prague", latitude: 50.08804, longitude: 14.42076, country: "Czechia", timezone: "Europe/Prague"),
        Place(name: "Warsaw", latitude: 52.22977, longitude: 21.01178, country: "Poland", timezone: "Europe/Warsaw"),
        Place(name: "Kraków", latitude: 50.06143, longitude: 19.93658, country: "Poland", timezone: "Europe/Warsaw"),
        Place(name: "Budapest", latitude: 47.49835, longitude: 19.04045, country: "Hungary", timezone: "Europe/Budapest"),
        Place(name: "Copenhagen", latitude: 55.67594, longitude: 12.56553, country: "Denmark", timezone: "Europe/Copenhagen"),
        Place(name: "Oslo", latitude: 59.91273, longitude: 10.74609, country: "Norway", timezone: "Europe/Oslo"),
        Place(name: "Bergen", latitude: 60.39299, longitude: 5.32415, country: "Norway", timezone: "Europe/Oslo"),
        Place(name: "Stockholm", latitude: 59.32938, longitude: 18.06871, country: "Sweden", timezone: "Europe/Stockholm"),
        Place(name: "Helsinki", latitude: 60.16952, longitude: 24.93545, country: "Finland", timezone: "Europe/Helsinki"),
        Place(name: "Athens", latitude: 37.98376, longitude: 23.72784, country: "Greece", timezone: "Europe/Athens"),
        Place(name: "Istanbul", latitude: 41.01384, longitude: 28.94966, country: "Türkiye", timezone: "Europe/Istanbul"),
        Place(name: "Moscow", latitude: 55.75222, longitude: 37.61556, country: "Russia", timezone: "Europe/Moscow"),
        Place(name: "Cairo", latitude: 30.06263, longitude: 31.24967, country: "Egypt", timezone: "Africa/Cairo"),
        Place(name: "Lagos", latitude: 6.45407, longitude: 3.39467, country: "Nigeria", timezone: "Africa/Lagos"),
        Place(name: "Nairobi", latitude: -1.28333, longitude: 36.81667, country: "Kenya", timezone: "Africa/Nairobi"),
        Place(name: "Johannesburg", latitude: -26.20227, longitude: 28.04363, country: "South Africa", timezone: "Africa/Johannesburg"),
        Place(name: "Cape Town", latitude: -33.92584, longitude: 18.42322, country: "South Africa", timezone: "Africa/Johannesburg"),
        Place(name: "Dubai", latitude: 25.07725, longitude: 55.30927, country: "United Arab Emirates", timezone: "Asia/Dubai"),
        Place(name: "Mumbai", latitude: 19.07283, longitude: 72.88261, country: "India", timezone: "Asia/Kolkata"),
        Place(name: "New Delhi", latitude: 28.63576, longitude: 77.22445, country: "India", timezone: "Asia/Kolkata"),
        Place(name: "Bangalore", latitude: 12.97194, longitude: 77.59369, country: "India", timezone: "Asia/Kolkata"),
        Place(name: "Bangkok", latitude: 13.75398, longitude: 100.50144, country: "Thailand", timezone: "Asia/Bangkok"),
        Place(name: "Singapore", latitude: 1.28967, longitude: 103.85007, country: "Singapore", timezone: "Asia/Singapore"),
        Place(name: "Jakarta", latitude: -6.21462, longitude: 106.84513, country: "Indonesia", timezone: "Asia/Jakarta"),
        Place(name: "Manila", latitude: 14.6042, longitude: 120.9822, country: "Philippines", timezone: "Asia/Manila"),
        Place(name: "Hong Kong", latitude: 22.27832, longitude: 114.17469, country: "Hong Kong", timezone: "Asia/Hong_Kong"),
        Place(name: "Shanghai", latitude: 31.22222, longitude: 121.45806, country: "China", timezone: "Asia/Shanghai"),
        Place(name: "Beijing", latitude: 39.9075, longitude: 116.39723, country: "China", timezone: "Asia/Shanghai"),
        Place(name: "Seoul", latitude: 37.566, longitude: 126.9784, country: "South Korea", timezone: "Asia/Seoul"),
        Place(name: "Tokyo", latitude: 35.6895, longitude: 139.69171, country: "Japan", timezone: "Asia/Tokyo"),
        Place(name: "Osaka", latitude: 34.69374, longitude: 135.50218, country: "Japan", timezone: "Asia/Tokyo"),
        Place(name: "Sydney", latitude: -33.86785, longitude: 151.20732, country: "Australia", timezone: "Australia/Sydney"),
        Place(name: "Melbourne", latitude: -37.814, longitude: 144.96332, country: "Australia", timezone: "Australia/Melbourne"),
        Place(name: "Auckland", latitude: -36.84853, longitude: 174.76349, country: "New Zealand", timezone: "Pacific/Auckland"),
    ]
}
