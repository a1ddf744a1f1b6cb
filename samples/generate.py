#!/usr/bin/env python3
"""Generate fedcat's bundled sample CKAN portal data (samples/ckan/<portal>.json).

All portals, organisations, people, places and URLs are fictional and were
written by the fedcat project; every host name uses the reserved `.example`
TLD. The output is deterministic: a fixed seed gives byte-identical files.

    python3 samples/generate.py          # run from the repository root
"""
import datetime as dt
import json
import random
import re
import unicodedata
import uuid
from pathlib import Path

SEED = "fedcat-samples-v1"
OUT_DIR = Path(__file__).resolve().parent / "ckan"
START = dt.datetime(2014, 1, 6, 8, 0, 0)
NOW = dt.datetime(2026, 2, 27, 17, 0, 0)

# ---------------------------------------------------------------- vocabulary
FIRST = ["Ada", "Bjørn", "Clémence", "Dario", "Elin", "Farah", "Gustav", "Hanne", "Idris", "Jonas",
         "Katrin", "Liesel", "Malik", "Noor", "Oskar", "Pia", "Rhiannon", "Søren", "Tomás", "Ulla",
         "Viktor", "Wren", "Yusuf", "Zélie"]
LAST = ["Abernethy", "Brännström", "Castellane", "Dunmore", "Eskildsen", "Fairweather", "Grünwald",
        "Hollis", "Ivanek", "Juhl", "Kettleby", "Lindqvist", "Marchetti", "Nørgaard", "Ollerton",
        "Pellegrin", "Quayle", "Rasmusen", "Strand", "Thornbury", "Underhill", "Vasquez", "Whitlock"]

# license_id -> (title, url or None, isopen). Mirrors CKAN's license register.
LICENSES = {
    "cc-by": ("Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by", True),
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/", True),
    "cc-by-sa": ("Creative Commons Attribution Share-Alike", "http://www.opendefinition.org/licenses/cc-by-sa", True),
    "odc-odbl": ("Open Data Commons Open Database License (ODbL)", "http://www.opendefinition.org/licenses/odc-odbl", True),
    "odc-by": ("Open Data Commons Attribution License", "http://www.opendefinition.org/licenses/odc-by", True),
    "cc-zero": ("Creative Commons CCZero", "http://www.opendefinition.org/licenses/cc-zero", True),
    "other-open": ("Other (Open)", None, True),
    "notspecified": ("License not specified", None, False),
    "uk-ogl": ("UK Open Government Licence (OGL)", "http://reference.data.gov.uk/id/open-government-licence", True),
    "OGL-UK-3.0": ("Open Government Licence v3.0", "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", True),
    "dl-de-by-2.0": ("Datenlizenz Deutschland – Namensnennung – Version 2.0", "https://www.govdata.de/dl-de/by-2-0", True),
}
LICENSE_WEIGHTS = [("cc-by", 16), ("CC-BY-4.0", 16), ("cc-by-sa", 5), ("odc-odbl", 8), ("odc-by", 5),
                   ("cc-zero", 10), ("other-open", 6), ("notspecified", 7), ("uk-ogl", 5),
                   ("OGL-UK-3.0", 8), ("dl-de-by-2.0", 5), (None, 5)]

# resource kind -> messy real-world (format, mimetype, file extension) spellings
FORMATS = {
    "csv": [("CSV", "text/csv", "csv")] * 4 + [("csv", "text/csv", "csv"), (".csv", None, "csv"),
            ("text/csv", "text/csv", "csv"), ("CSV file", None, "csv")],
    "xlsx": [("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
             ("xls", "application/vnd.ms-excel", "xls"), ("Excel", None, "xlsx")],
    "json": [("JSON", "application/json", "json"), ("JSON", "application/json", "json"), ("json", None, "json")],
    "geojson": [("GeoJSON", "application/geo+json", "geojson"), ("geojson", None, "geojson")],
    "shp": [("SHP", None, "zip"), ("zip", "application/zip", "zip"), ("Shapefile (zip)", "application/zip", "zip")],
    "pdf": [("PDF", "application/pdf", "pdf"), ("PDF", "application/pdf", "pdf"), ("pdf", None, "pdf")],
    "api": [("API", None, None), ("API", None, None), ("JSON API", None, None), ("", None, None)],
    "wms": [("WMS", None, None), ("wms", None, None)],
    "gtfs": [("GTFS", "application/zip", "zip"), ("zip", "application/zip", "zip")],
    "xml": [("XML", "application/xml", "xml"), ("xml", "text/xml", "xml")],
}
RES_NAMES = {
    "csv": ["{title}", "{title} (CSV)", "Data {q}", "{slug}.csv", "Download"],
    "xlsx": ["{title} (Excel)", "Spreadsheet", "{slug}.xlsx"],
    "json": ["{title} (JSON)", "JSON export"],
    "geojson": ["{title} (GeoJSON)", "Map data (GeoJSON)"],
    "shp": ["Shapefile", "{title} - shapefile"],
    "pdf": ["Methodology", "Data dictionary", "Report {q}", "Metadata description"],
    "api": ["API", "REST API endpoint", "API documentation"],
    "wms": ["WMS service", "Map service (WMS)"],
    "gtfs": ["GTFS feed", "GTFS static timetable"],
    "xml": ["XML export", "{title} (XML)"],
}
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "annually", "irregular", "Continuous",
               "R/P1D", "R/P1M", "R/P1Y", "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
               "http://publications.europa.eu/resource/authority/frequency/MONTHLY"]
FREQ_WORDS = ["daily", "weekly", "monthly", "quarterly", "once a year", "irregularly"]
THEMES = {"transport": "TRAN", "environment": "ENVI", "economy": "ECON", "government": "GOVE", "health": "HEAL",
          "education": "EDUC", "society": "SOCI", "energy": "ENER", "justice": "JUST", "regions": "REGI",
          "planning": "REGI", "science": "TECH", "water": "ENVI", "flood": "ENVI", "biodiversity": "ENVI",
          "monitoring": "TECH"}
ISSUED_FORMATS = ["%Y-%m-%d", "%Y-%m-%d", "%d/%m/%Y", "%Y", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y"]
VERSIONS = ["1.0", "1.1", "2.0", "2.1", "2023.1", "v3", "0.9-beta"]
GENERIC = [
    "Data is published by the {org}.",
    "The dataset is updated {freq}.",
    "Coordinates are given in WGS 84 (EPSG:4326).",
    "Coordinates use the national grid (EPSG:25832).",
    "Figures for the most recent period are provisional and may be revised.",
    "Questions about this dataset can be sent to the open data team.",
    "Column names are documented in the attached data dictionary.",
    "Values below the detection limit are reported as empty cells.",
    "The data was migrated from the previous portal in 2016, so some older records may be incomplete.",
    "Please cite the source when reusing the data.",
    "Personal data has been removed or aggregated before publication.",
]
COLUMNS = [("id", "unique identifier"), ("date", "date of observation (ISO 8601)"), ("value", "measured value"),
           ("unit", "unit of measure"), ("area", "district or region name"), ("lat", "latitude (WGS 84)"),
           ("lon", "longitude (WGS 84)"), ("category", "category code"), ("status", "record status"),
           ("source", "data source"), ("comment", "free-text remarks"), ("updated", "last update of the record")]
FR_NOTES = ["Ce jeu de données contient : {title}.", "Données publiées par {org}.",
            "Mise à jour {freq}.", "Les chiffres de la dernière période sont provisoires."]
DE_NOTES = ["Dieser Datensatz enthält: {title}.", "Herausgeber: {org}.",
            "Aktualisierung: {freq}.", "Die Zahlen für den letzten Zeitraum sind vorläufig."]
FR_FREQ = ["quotidienne", "mensuelle", "trimestrielle", "annuelle"]
DE_FREQ = ["täglich", "monatlich", "vierteljährlich", "jährlich"]


def t(title, org, groups, tags, kinds, qual, note, fr=None, de=None):
    """One topic. Alternative titles are separated by ' || '; {q} is the qualifier."""
    return dict(titles=title.split(" || "), org=org, groups=groups.split(), tags=tags.split("; "),
                kinds=kinds.split(), qual=qual, note=note, fr=fr, de=de)


LAKESIDE = dict(
    title="Lakeside City Open Data", host="data.lakeside.example", tag_style="slug", n=120,
    description="Open data from the City of Lakeside: transport, environment, finances, planning, libraries and public health.",
    bbox=(10.62, 59.83, 10.95, 59.98),
    orgs=[("transport", "Transport Department", "Roads, public transport, cycling and parking."),
          ("environment", "Environment Office", "Air, noise, trees, green spaces and waste."),
          ("finance", "Finance and Administration", "Budget, spending, procurement and elections."),
          ("planning", "Planning and Building Control", "Land use, building permits, addresses and city statistics."),
          ("library", "Library and Education Services", "Libraries, schools, sports and public Wi-Fi."),
          ("health", "Public Health Unit", "Food safety, clinics, defibrillators and health warnings.")],
    groups=[("transport", "Transport and Mobility"), ("environment", "Environment"), ("economy", "Economy and Finance"),
            ("government", "Government and Public Sector"), ("society", "Population and Society"), ("health", "Health"),
            ("education", "Education, Culture and Sport"), ("planning", "Housing and Urban Planning")],
    quals=dict(year=list(range(2014, 2026)),
               district=["Old Harbour", "Northgate", "Eastbank", "Mill Hill", "Bellevue", "Château-Rouge",
                         "Søndre Strand", "Riverside", "Königsplatz", "Les Prés-Verts", "Sainte-Anne-des-Prés", "Åkerby"],
               quarter=[f"Q{q} {y}" for y in range(2019, 2026) for q in range(1, 5)]),
    topics=[
        t("Bicycle counter data {q} || Comptages vélo {q}", "transport", "transport", "cycling; bicycle; traffic counts; mobility", "csv json api", "year", "Hourly counts of bicycles passing the city's {n} automatic counting stations during {q}."),
        t("Bus stops", "transport", "transport", "bus; public transport; stops", "csv geojson", None, "Location, name and step-free access information for all bus stops served by Lakeside Transit."),
        t("Bus timetables (GTFS)", "transport", "transport", "bus; public transport; gtfs; timetable", "gtfs pdf", None, "Static GTFS feed with routes, trips and stop times for the Lakeside Transit bus network."),
        t("Bus punctuality {q}", "transport", "transport", "bus; punctuality; public transport", "csv xlsx", "year", "Share of departures leaving on time, by route and month, in {q}."),
        t("Parking garage occupancy", "transport", "transport", "parking; car parks; real-time", "api json", None, "Live number of free spaces in the {n} municipal parking garages, refreshed every five minutes."),
        t("On-street parking zones", "transport", "transport", "parking; zones; tariffs", "geojson shp wms", None, "Boundaries, tariffs and time limits of on-street parking zones."),
        t("Road traffic accidents {q}", "transport", "transport society", "road safety; accidents; traffic", "csv xlsx", "year", "Police-reported road traffic accidents with personal injury in {q}, with location, severity and vehicles involved."),
        t("Traffic volume counts - {q}", "transport", "transport", "traffic; traffic counts; roads", "csv", "district", "Average daily traffic on main roads in the {q} district, counted with induction loops."),
        t("Electric vehicle charging points", "transport", "transport environment", "electric vehicles; charging; energy", "csv geojson", None, "Public charging points for electric vehicles with connector types and power output."),
        t("Road works and closures", "transport", "transport", "road works; closures; traffic", "api json", None, "Current and planned road works, diversions and street closures."),
        t("Cycle lane network", "transport", "transport environment", "cycling; cycle lanes; infrastructure", "geojson shp wms", None, "Cycle lanes, cycle tracks and shared paths classified by type and surface."),
        t("Pedestrian counts - {q}", "transport", "transport economy", "pedestrians; footfall; counts", "csv api", "district", "Footfall measured by sensors in the main shopping streets of {q}."),
        t("Residents' parking permits - {q}", "transport", "transport", "parking; permits; residents", "csv", "district", "Number of residents' parking permits issued and on the waiting list in {q}."),
        t("Taxi ranks", "transport", "transport", "taxi; transport", "csv geojson", None, "Locations and capacity of official taxi ranks."),
        t("Bike-sharing stations", "transport", "transport", "cycling; bike sharing; mobility", "api json", None, "Station locations and real-time availability of the LakeBike bike-sharing scheme."),
        t("Air quality measurements {q} || Qualité de l'air – mesures {q} || Luftqualität – Messwerte {q}", "environment", "environment health", "air quality; pollution; no2; pm10", "csv json api", "year", "Hourly concentrations of NO2, PM10 and PM2.5 from the city's {n} monitoring stations in {q}."),
        t("Strategic noise map {q} || Lärmkarte {q}", "environment", "environment", "noise; environment; maps", "wms shp pdf", [2017, 2022], "Lden and Lnight noise levels from road, rail and industry, modelled for the {q} noise mapping round."),
        t("Street trees - {q} || Straßenbäume – {q}", "environment", "environment planning", "trees; street trees; urban greenery", "csv geojson", "district", "Inventory of street trees in {q} with species, planting year, trunk circumference and condition."),
        t("Waste collection calendar {q}", "environment", "environment government", "waste; collection; recycling", "csv pdf json", "year", "Collection days for household waste, paper and garden waste by street for {q}."),
        t("Recycling centres and bottle banks", "environment", "environment", "recycling; waste; glass", "csv geojson", None, "Opening hours and accepted materials at recycling centres, plus locations of {n} bottle banks."),
        t("Public toilets", "environment", "health", "toilets; accessibility; public facilities", "csv geojson", None, "Public toilets with opening hours, fees, baby-changing facilities and wheelchair access."),
        t("Parks and green spaces", "environment", "environment", "parks; green spaces; recreation", "geojson shp", None, "Outlines and facilities of parks, playgrounds and other public green spaces."),
        t("Allotment gardens", "environment", "environment", "allotments; gardening; green spaces", "csv", None, "Allotment sites with number of plots and waiting-list length."),
        t("Energy consumption of municipal buildings {q}", "environment", "environment government", "energy; electricity; heating; buildings", "csv xlsx", "year", "Electricity, heating and water consumption of schools, offices and sports halls owned by the city in {q}."),
        t("Playgrounds - {q}", "environment", "environment education", "playgrounds; children; parks", "csv geojson", "district", "Playgrounds in {q} with equipment, age range and last safety inspection."),
        t("Litter bins", "environment", "environment", "litter; waste; street furniture", "csv geojson", None, "Locations of public litter bins and their emptying frequency."),
        t("Drinking water fountains", "environment", "health environment", "drinking water; fountains; public facilities", "geojson", None, "Public drinking water fountains, seasonal and year-round."),
        t("Lake water temperature {q}", "environment", "environment", "lake; water temperature; bathing", "csv api", "year", "Water temperature at the {n} public bathing spots on the lake, measured every hour during {q}."),
        t("City budget {q}", "finance", "economy government", "budget; finance; municipal budget", "csv xlsx pdf", "year", "Approved budget of the City of Lakeside for {q}, broken down by department and cost centre."),
        t("Spending over £500 - {q}", "finance", "economy government", "spending; payments; transparency; suppliers", "csv", "quarter", "All payments to suppliers above £500 made in {q}, with supplier name, amount and expense type."),
        t("Procurement contracts register {q}", "finance", "economy government", "procurement; contracts; tenders", "csv xlsx", "year", "Contracts above £25,000 awarded in {q}, with supplier, value, duration and procedure."),
        t("Municipal election results {q}", "finance", "government society", "elections; voting; results", "csv xlsx pdf", [2015, 2019, 2023], "Votes, turnout and elected councillors by polling district for the {q} municipal election."),
        t("Polling stations {q}", "finance", "government", "elections; polling stations", "csv geojson", [2019, 2023], "Polling station addresses and the streets assigned to each for the {q} election."),
        t("Council tax bands", "finance", "economy", "council tax; taxes; property", "csv", None, "Annual council tax charge for each property band."),
        t("Grants to community organisations {q}", "finance", "economy society", "grants; voluntary sector; funding", "csv xlsx", "year", "Grants awarded by the city to clubs, charities and community groups in {q}."),
        t("Senior staff salaries {q}", "finance", "government", "salaries; transparency; staff", "csv pdf", "year", "Salary bands of officers earning more than £50,000 in {q}."),
        t("Building permits {q}", "planning", "planning", "building permits; construction; housing", "csv xlsx", "year", "Building permit applications decided in {q}, with address, type of works and decision."),
        t("Land use plan", "planning", "planning environment", "land use; zoning; planning", "wms shp pdf", None, "The adopted land use plan with zoning categories and building height limits."),
        t("Zoning plan - {q}", "planning", "planning", "zoning; planning; land use", "pdf shp", "district", "Detailed zoning plan for {q}, including legal text and map."),
        t("Address register", "planning", "planning government", "addresses; buildings; reference data", "csv api", None, "All official street addresses with coordinates, postcode and district."),
        t("City district boundaries", "planning", "planning government", "boundaries; districts; reference data", "geojson shp wms", None, "Boundaries of the {n} statistical and administrative districts."),
        t("Listed heritage buildings", "planning", "planning education", "heritage; listed buildings; culture", "csv geojson", None, "Buildings and monuments under heritage protection, with listing grade and year."),
        t("Housing completions {q}", "planning", "planning society", "housing; construction; dwellings", "csv", "year", "New dwellings completed in {q} by district and tenure."),
        t("Population by district {q}", "planning", "society", "population; demographics; districts", "csv xlsx", "year", "Resident population on 1 January {q} by district, age group and sex."),
        t("Births and deaths by district {q}", "planning", "society health", "births; deaths; population", "csv", "year", "Registered live births and deaths in {q} by district of residence."),
        t("Library locations and opening hours", "library", "education", "libraries; opening hours; culture", "csv json", None, "Branch libraries with addresses, opening hours and services."),
        t("Library loans {q}", "library", "education", "libraries; loans; books", "csv", "year", "Number of loans per branch and media type in {q}."),
        t("Most borrowed books {q}", "library", "education", "libraries; books; reading", "csv json", "year", "The 500 most borrowed titles across all branches in {q}."),
        t("Library events calendar", "library", "education", "libraries; events; culture", "api json", None, "Upcoming readings, workshops and children's events at the city libraries."),
        t("Public Wi-Fi hotspots", "library", "government", "wifi; internet; hotspots", "csv geojson", None, "Free public Wi-Fi access points in libraries, squares and city buildings."),
        t("Schools directory", "library", "education", "schools; education", "csv geojson", None, "Primary and secondary schools with address, type, language of instruction and capacity."),
        t("School enrolment by school {q}", "library", "education society", "schools; enrolment; pupils", "csv xlsx", "year", "Pupil numbers per school and grade for the {q} school year."),
        t("Sports facilities", "library", "education health", "sports; swimming pools; recreation", "csv geojson", None, "Sports halls, pitches, swimming pools and ice rinks with booking information."),
        t("Food hygiene inspections {q} || Contrôles d'hygiène alimentaire {q}", "health", "health", "food safety; inspections; restaurants", "csv xml", "year", "Hygiene ratings from inspections of restaurants, cafés and shops in {q}."),
        t("Defibrillator (AED) locations", "health", "health", "defibrillators; aed; emergency", "csv geojson", None, "Publicly accessible defibrillators with access hours."),
        t("Vaccination clinics", "health", "health", "vaccination; clinics; health services", "csv", None, "Locations and opening hours of public vaccination clinics."),
        t("Pest control requests {q}", "health", "health", "pest control; rats; service requests", "csv", "year", "Service requests for rats, wasps and other pests received in {q}."),
        t("Heat-health warnings {q}", "health", "health environment", "heat; health warnings; climate", "csv pdf", "year", "Heat-health warning days issued for the city in {q} with maximum temperatures."),
    ])

RIVERBASIN = dict(
    title="River Basin Environment Agency", host="data.riverbasin.example", tag_style="plain", n=80,
    description="Open data from the River Basin Environment Agency on river levels, water quality, groundwater, flooding and habitats.",
    bbox=(9.05, 59.20, 11.80, 61.00),
    orgs=[("hydrology", "Hydrology and Monitoring Service", "Gauging stations, river flows, rainfall and groundwater."),
          ("quality", "Water Quality Division", "Chemical and ecological status of rivers, lakes and groundwater."),
          ("flood", "Flood Risk Management", "Flood zones, warnings and flood defences."),
          ("biodiversity", "Habitats and Biodiversity Unit", "Fish, wetlands and invasive species.")],
    groups=[("water", "Water"), ("flood", "Flood risk"), ("biodiversity", "Biodiversity"), ("monitoring", "Monitoring networks")],
    quals=dict(year=list(range(2014, 2026)),
               river=["River Alder", "River Marrow", "Ellerbach", "Rivière Claire", "Sävån", "Grünau", "Tamsin Brook", "Løvelva"],
               station=["Alder Bridge", "Marrowford", "Ellerbach Mühle", "Pont-Sainte-Lucie", "Grünwehr", "Sävsjö Weir", "Tamsin Mill", "Upper Løva"]),
    topics=[
        t("River levels - {q} gauging station", "hydrology", "water monitoring", "river levels; hydrology; gauging stations", "csv api", "station", "15-minute water levels recorded at the {q} gauging station since it opened."),
        t("River discharge daily means {q}", "hydrology", "water monitoring", "discharge; river flow; hydrology", "csv xlsx", "year", "Daily mean discharge in m³/s at all {n} gauging stations for {q}."),
        t("Rainfall gauge network", "hydrology", "monitoring", "rainfall; precipitation; gauges", "csv geojson api", None, "Locations and 15-minute readings of the agency's {n} tipping-bucket rain gauges."),
        t("Groundwater levels {q}", "hydrology", "water monitoring", "groundwater; boreholes; water levels", "csv", "year", "Monthly groundwater levels in observation boreholes for {q}."),
        t("Groundwater quality monitoring {q} || Grundwasserbeschaffenheit {q}", "quality", "water monitoring", "groundwater; water quality; nitrate", "csv xlsx", "year", "Nitrate, chloride and pesticide concentrations in groundwater samples taken in {q}."),
        t("Water quality sampling - {q} || Qualité de l'eau – {q} || Wasserqualität – {q}", "quality", "water", "water quality; rivers; sampling", "csv pdf", "river", "Chemical and biological sampling results for {q}, including oxygen, phosphorus and temperature."),
        t("Bathing water quality {q}", "quality", "water", "bathing water; e. coli; swimming", "csv json", "year", "E. coli and intestinal enterococci results for designated bathing sites in the {q} season."),
        t("Nitrate vulnerable zones", "quality", "water", "nitrate; agriculture; zones", "shp wms", None, "Areas designated as vulnerable to nitrate pollution from agriculture."),
        t("Sediment quality survey {q}", "quality", "water", "sediment; heavy metals; pollution", "csv pdf", "year", "Heavy metal and PAH concentrations in river sediments sampled in {q}."),
        t("Water temperature - {q}", "quality", "water monitoring", "water temperature; rivers; climate", "csv api", "river", "Continuous water temperature logging in {q}."),
        t("Flood zones", "flood", "flood", "flooding; flood zones; risk", "shp wms geojson", None, "Modelled extent of 1-in-100 and 1-in-1000 year floods for the whole river basin."),
        t("Flood zones - {q} || Flood map - {q}", "flood", "flood", "flooding; flood zones; risk", "shp wms pdf", "river", "Modelled extent of 1-in-100 and 1-in-1000 year floods along {q}."),
        t("Flood warning areas", "flood", "flood", "flooding; warnings; alerts", "geojson api", None, "Areas covered by the agency's flood warning service."),
        t("Historic flood outlines", "flood", "flood", "flooding; history; maps", "shp wms", None, "Recorded extents of floods since 1946."),
        t("Flood defence assets", "flood", "flood", "flood defences; embankments; assets", "csv shp", None, "Embankments, walls and flood gates with condition grade."),
        t("Dams, weirs and fish passes", "biodiversity", "biodiversity water", "dams; weirs; fish passes; barriers", "csv geojson", None, "Barriers to fish migration and the status of fish passes."),
        t("Water abstraction licences", "hydrology", "water", "abstraction; licences; water use", "csv", None, "Licensed surface and groundwater abstractions above 20 m³ per day."),
        t("Discharge consents", "quality", "water", "discharges; permits; wastewater", "csv xlsx", None, "Permits for discharging treated wastewater and industrial effluent."),
        t("Fish population surveys {q}", "biodiversity", "biodiversity", "fish; electrofishing; ecology", "csv pdf", "year", "Electrofishing results by site and species for {q}."),
        t("Wetland inventory", "biodiversity", "biodiversity", "wetlands; habitats; peatland", "shp geojson", None, "Mapped wetlands, bogs and fens with habitat type and condition."),
        t("Invasive species sightings {q}", "biodiversity", "biodiversity", "invasive species; sightings; citizen science", "csv api", "year", "Reported sightings of Himalayan balsam, signal crayfish and other invasive species in {q}."),
        t("River network (centrelines)", "hydrology", "water", "rivers; network; reference data", "shp geojson wms", None, "Centrelines of all watercourses with names and Strahler order."),
        t("Catchment boundaries", "hydrology", "water", "catchments; boundaries; reference data", "shp geojson", None, "Boundaries of the {n} sub-catchments used for river basin management planning."),
    ])

NORLAND = dict(
    title="Norland National Data Portal", host="data.norland.example", tag_style="capital", n=130,
    description="The national catalogue of open data from Norland's ministries, agencies and municipalities.",
    bbox=(4.50, 57.50, 16.00, 67.00),
    orgs=[("transport", "Ministry of Transport and Communications", "Roads, rail, ferries, aviation and telecoms."),
          ("environment", "Ministry of Climate and Environment", "Climate, nature protection and pollution."),
          ("finance", "Ministry of Finance", "State budget, taxes and public procurement."),
          ("stats", "Statistics Norland", "The national statistics office."),
          ("met", "Norland Meteorological Institute", "Weather observations, forecasts and climate data."),
          ("education", "Ministry of Education and Research", "Schools, universities and research."),
          ("justice", "Ministry of Justice and Public Security", "Police, courts and prisons."),
          ("energy", "Norland Energy Agency", "Energy production, consumption and efficiency."),
          ("lakeside", "City of Lakeside", "Datasets harvested from Lakeside City Open Data."),
          ("riverbasin", "River Basin Environment Agency", "Datasets harvested from the River Basin Environment Agency portal.")],
    groups=[("transport", "Transport"), ("environment", "Environment"), ("economy", "Economy and finance"),
            ("government", "Government and public sector"), ("society", "Population and society"), ("health", "Health"),
            ("education", "Education, culture and sport"), ("justice", "Justice, legal system and public safety"),
            ("energy", "Energy"), ("regions", "Regions and cities"), ("science", "Science and technology")],
    quals=dict(year=list(range(2014, 2026)),
               region=["Østmark", "Vesterdal", "Nordfjell", "Sørvika", "Midtland", "Kystøy", "Ålhavn", "Innland"],
               station=["Blåfjell", "Kvitholm", "Sandnes Bru", "Storøya", "Lindvik", "Hestvatn", "Rødberg", "Vik"]),
    topics=[
        t("Population census {q}", "stats", "society", "population; census; demographics", "csv xlsx pdf", [2011, 2016, 2021], "Results of the {q} population and housing census by municipality, age and sex.", fr="Recensement de la population {q}", de="Volkszählung {q}"),
        t("Births by region {q}", "stats", "society health", "births; fertility; population", "csv", "year", "Live births in {q} by region, mother's age and birth order.", fr="Naissances par région {q}", de="Geburten nach Region {q}"),
        t("Deaths by cause {q}", "stats", "health society", "deaths; causes of death; mortality", "csv xlsx", "year", "Deaths registered in {q} by underlying cause, age group and sex.", fr="Décès par cause {q}"),
        t("Immigration and emigration {q}", "stats", "society", "migration; immigration; population", "csv", "year", "Moves into and out of Norland in {q} by citizenship and region.", de="Zu- und Abwanderung {q}"),
        t("Unemployment rate - {q}", "stats", "economy regions", "unemployment; labour market; employment", "csv json", "region", "Monthly registered unemployment in {q} by age group and sex.", fr="Taux de chômage – {q}"),
        t("Consumer price index {q}", "stats", "economy", "prices; inflation; cpi", "csv json api", "year", "Monthly consumer price index for {q} with 12-month change by product group.", fr="Indice des prix à la consommation {q}", de="Verbraucherpreisindex {q}"),
        t("Regional GDP {q}", "stats", "economy regions", "gdp; national accounts; regions", "csv xlsx", "year", "Gross domestic product by region and industry for {q}."),
        t("Household income {q}", "stats", "economy society", "income; households; inequality", "csv", "year", "Median household income after tax by household type and region, {q}."),
        t("Population by municipality - {q}", "stats", "society regions", "population; municipalities; demographics", "csv api", "region", "Quarterly population figures for the municipalities of {q}."),
        t("Parliamentary election results {q}", "stats", "government society", "elections; parliament; voting", "csv xlsx", [2013, 2017, 2021, 2025], "Votes and seats by party and constituency for the {q} parliamentary election.", fr="Résultats des élections législatives {q}", de="Ergebnisse der Parlamentswahl {q}"),
        t("Administrative boundaries", "stats", "regions government", "boundaries; municipalities; reference data", "shp geojson wms", None, "Boundaries of regions and municipalities valid from 1 January.", fr="Limites administratives", de="Verwaltungsgrenzen"),
        t("Official place names register", "stats", "regions", "place names; gazetteer; reference data", "csv api xml", None, "Authorised spellings and locations of {n} thousand place names."),
        t("Hospital waiting times {q}", "stats", "health", "hospitals; waiting times; health services", "csv", "year", "Median waiting time by hospital and specialty in {q}.", de="Wartezeiten in Krankenhäusern {q}"),
        t("Vaccination coverage {q}", "stats", "health", "vaccination; children; public health", "csv xlsx", "year", "Vaccination coverage among two-year-olds and teenagers by municipality, {q}.", fr="Couverture vaccinale {q}"),
        t("Tourism overnight stays {q}", "stats", "economy regions", "tourism; hotels; overnight stays", "csv", "year", "Overnight stays in hotels and campsites by region and country of residence, {q}."),
        t("Schools register", "education", "education", "schools; education; reference data", "csv api", None, "All primary and secondary schools with organisation number, owner and pupil count.", fr="Registre des écoles", de="Schulverzeichnis"),
        t("National test results {q}", "education", "education", "schools; national tests; results", "csv xlsx", "year", "Average national test scores in reading and numeracy by school for {q}."),
        t("University enrolments {q}", "education", "education", "universities; students; higher education", "csv", "year", "Registered students by institution and field of study in the {q} autumn term.", fr="Inscriptions universitaires {q}"),
        t("Kindergarten places by municipality {q}", "education", "education society", "kindergartens; childcare; municipalities", "csv", "year", "Children in kindergartens and available places per municipality, {q}."),
        t("Public library statistics {q}", "education", "education", "libraries; loans; culture", "csv xlsx", "year", "Loans, visits and events in public libraries in {q}.", fr="Statistiques des bibliothèques publiques {q}", de="Bibliotheksstatistik {q}"),
        t("Reported crime statistics {q}", "justice", "justice", "crime; police; statistics", "csv xlsx", "year", "Offences reported to the police in {q} by type of offence and police district.", fr="Statistiques de la criminalité {q}", de="Kriminalstatistik {q}"),
        t("Prison population {q}", "justice", "justice", "prisons; inmates; corrections", "csv", "year", "Average daily prison population in {q} by prison and security level."),
        t("Court case processing times {q}", "justice", "justice government", "courts; case processing; judiciary", "csv", "year", "Median processing time for civil and criminal cases by district court, {q}."),
        t("Police districts", "justice", "justice regions", "police; districts; boundaries", "shp geojson", None, "Boundaries and headquarters of the {n} police districts."),
        t("Road traffic offences {q}", "justice", "justice transport", "traffic offences; speeding; police", "csv", "year", "Speeding and other road traffic offences recorded in {q}."),
        t("Weather stations", "met", "science environment", "weather; stations; meteorology", "csv json api", None, "Metadata of all active and closed weather stations: position, elevation and measured elements.", de="Wetterstationen", fr="Stations météorologiques"),
        t("Daily weather observations - {q}", "met", "science environment", "weather; temperature; precipitation; observations", "csv api", "station", "Daily minimum and maximum temperature, precipitation and snow depth at {q}."),
        t("Monthly precipitation {q}", "met", "environment science", "precipitation; rainfall; climate", "csv", "year", "Monthly precipitation totals and anomalies for all stations in {q}.", fr="Précipitations mensuelles {q}", de="Monatlicher Niederschlag {q}"),
        t("Climate normals 1991-2020", "met", "environment science", "climate; normals; temperature", "csv pdf", None, "Thirty-year averages of temperature, precipitation and wind for all long-running stations.", de="Klimanormalwerte 1991-2020"),
        t("Hourly wind observations - {q}", "met", "science", "wind; weather; observations", "csv api", "station", "Hourly mean wind speed, gusts and direction measured at {q}."),
        t("Snow depth measurements {q}", "met", "environment", "snow; winter; climate", "csv", "year", "Weekly snow depth and snow water equivalent for the {q} winter season."),
        t("Lightning strikes {q}", "met", "science", "lightning; thunderstorms; weather", "csv", "year", "Located lightning strikes with time, position and current, {q}."),
        t("Weather warnings archive", "met", "science government", "weather warnings; alerts; cap", "xml api", None, "All public weather warnings issued since 2015 in CAP format."),
        t("National air quality monitoring network {q}", "environment", "environment health", "air quality; pollution; monitoring", "csv api", "year", "Hourly air pollutant concentrations from the national network of {n} stations in {q}.", fr="Réseau national de mesure de la qualité de l'air {q}", de="Luftqualität – nationales Messnetz {q}"),
        t("Protected areas", "environment", "environment", "nature reserves; national parks; protected areas", "shp geojson wms", None, "National parks, nature reserves and landscape protection areas.", fr="Aires protégées", de="Schutzgebiete"),
        t("National forest inventory {q}", "environment", "environment", "forests; timber; land cover", "csv pdf", [2015, 2020, 2025], "Standing volume, growth and tree species from the {q} national forest inventory."),
        t("Greenhouse gas emissions {q}", "environment", "environment energy", "greenhouse gases; climate; emissions", "csv xlsx", "year", "Emissions of CO2, methane and nitrous oxide by sector for {q}.", fr="Émissions de gaz à effet de serre {q}", de="Treibhausgasemissionen {q}"),
        t("Land cover map {q}", "environment", "environment regions", "land cover; land use; maps", "shp wms", [2012, 2018, 2024], "National land cover classification for {q} at 10 m resolution."),
        t("Contaminated sites register", "environment", "environment", "contaminated land; pollution; register", "csv geojson", None, "Known and suspected contaminated sites with risk class."),
        t("Municipal waste statistics {q}", "environment", "environment regions", "waste; recycling; municipalities", "csv", "year", "Household waste collected and recycled per inhabitant by municipality, {q}."),
        t("Wildlife observations - {q}", "environment", "environment", "wildlife; species; observations", "csv api", "region", "Reported observations of mammals and birds in {q}."),
        t("National road network", "transport", "transport", "roads; network; reference data", "shp wms", None, "Geometry, road class and speed limits of all state and county roads."),
        t("Railway stations", "transport", "transport", "railway; stations; public transport", "csv geojson", None, "Passenger railway stations with coordinates and accessibility.", fr="Gares ferroviaires", de="Bahnhöfe"),
        t("Ferry routes and timetables (GTFS)", "transport", "transport", "ferries; timetables; gtfs", "gtfs", None, "GTFS feed for state-subsidised ferry routes."),
        t("National public transport timetables (GTFS) {q}", "transport", "transport", "public transport; gtfs; timetables", "gtfs", "year", "Consolidated GTFS feed for buses, trains and ferries, timetable year {q}."),
        t("Road traffic accidents with personal injury {q}", "transport", "transport justice", "road safety; accidents; injuries", "csv xlsx", "year", "Police-reported accidents with injured or killed persons in {q}.", fr="Accidents de la route avec blessés {q}", de="Verkehrsunfälle mit Personenschaden {q}"),
        t("Airport passenger traffic {q}", "transport", "transport economy", "aviation; airports; passengers", "csv", "year", "Monthly passengers, flights and freight at state-owned airports, {q}."),
        t("Traffic counting points - {q}", "transport", "transport regions", "traffic; traffic counts; roads", "csv api", "region", "Hourly vehicle counts at permanent counting points in {q}."),
        t("Vehicle registrations {q}", "transport", "transport energy", "vehicles; registrations; electric vehicles", "csv", "year", "Newly registered vehicles in {q} by fuel type and municipality."),
        t("Broadband coverage {q}", "transport", "science regions", "broadband; internet; telecoms", "csv xlsx", "year", "Share of households with access to at least 100 Mbit/s broadband by municipality, {q}."),
        t("State budget {q}", "finance", "economy government", "budget; finance; state budget", "csv xlsx pdf", "year", "Adopted state budget for {q} by chapter and item.", fr="Budget de l'État {q}", de="Staatshaushalt {q}"),
        t("Tax revenue by type {q}", "finance", "economy", "taxes; revenue; public finance", "csv", "year", "Central and local government tax revenue by type of tax in {q}."),
        t("Public procurement notices {q}", "finance", "economy government", "procurement; tenders; contracts", "csv json api", "year", "Contract notices and award notices published by public buyers in {q}.", fr="Avis de marchés publics {q}"),
        t("Central government spending {q}", "finance", "economy government", "spending; public finance; transparency", "csv", "year", "Payments by central government bodies in {q} by budget chapter and recipient type."),
        t("Government debt {q}", "finance", "economy", "debt; public finance; bonds", "csv xlsx", "year", "Outstanding central government debt at the end of each month in {q}."),
        t("Municipal finances - {q}", "finance", "economy regions", "municipal finance; budgets; municipalities", "csv", "region", "Revenue, expenditure and net operating result of municipalities in {q}."),
        t("Energy consumption by sector {q}", "energy", "energy", "energy; consumption; electricity", "csv xlsx", "year", "Final energy consumption by sector and energy product, {q}.", fr="Consommation d'énergie par secteur {q}", de="Energieverbrauch nach Sektoren {q}"),
        t("Renewable electricity production {q}", "energy", "energy environment", "renewables; hydropower; wind power", "csv api", "year", "Monthly electricity production from hydro, wind and solar in {q}."),
        t("Hydropower plants", "energy", "energy", "hydropower; power plants; energy", "csv geojson", None, "Hydropower plants with installed capacity and mean annual production.", de="Wasserkraftwerke"),
        t("Wind farms", "energy", "energy environment", "wind power; power plants; renewables", "csv geojson", None, "Onshore and offshore wind farms with turbine count and capacity."),
        t("Electricity prices by price area {q}", "energy", "energy economy", "electricity; prices; energy market", "csv json", "year", "Hourly day-ahead electricity prices for the five price areas in {q}."),
        t("Energy performance certificates - {q}", "energy", "energy regions", "energy efficiency; buildings; certificates", "csv", "region", "Energy labels issued for homes and commercial buildings in {q}.", fr="Certificats de performance énergétique – {q}"),
        t("Hiking trails and mountain cabins - {q}", "environment", "environment regions", "hiking; outdoor recreation; trails", "geojson shp", "region", "Marked hiking trails, ski tracks and public cabins in {q}."),
        t("Fjord and coastal water quality - {q}", "environment", "environment regions", "water quality; coast; fjords", "csv", "region", "Nutrient, oxygen and chlorophyll measurements along the coast of {q}.", fr="Qualité des eaux côtières – {q}"),
        t("District heating networks", "energy", "energy", "district heating; heating; energy", "shp geojson", None, "Licensed district heating areas and plants."),
    ])

# ------------------------------------------------------------------ helpers
FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "œ": "oe", "£": "", "³": "3"})


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s.translate(FOLD)).encode("ascii", "ignore").decode()


def slugify(s, maxlen=100):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s).lower()).strip("-")[:maxlen].rstrip("-")


def uid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def rand_dt(rng, lo, hi):
    span = max(1, int((hi - lo).total_seconds()))
    return lo + dt.timedelta(seconds=rng.randrange(span), microseconds=rng.randrange(1, 10 ** 6))


def ts(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S.%f")


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def year_of(q):
    m = re.search(r"(19|20)\d\d", str(q))
    return int(m.group(0)) if m else None


class Portal:
    """Mutable generation state of one portal."""

    def __init__(self, pid, cfg):
        self.id, self.cfg = pid, cfg
        self.rng = random.Random(f"{SEED}/{pid}")
        self.base = "https://" + cfg["host"]
        self.mail_host = cfg["host"].replace("data.", "")
        self.names, self.tag_ids, self.packages = set(), {}, []
        self.users = [uid(self.rng) for _ in range(4)]
        self.orgs = {k: self.make_group(title, desc, True) for k, title, desc in cfg["orgs"]}
        self.groups = {k: self.make_group(title, f"Datasets about {title.lower()}.", False) for k, title in cfg["groups"]}

    def make_group(self, title, desc, is_org):
        rng, name = self.rng, slugify(title)
        image = rng.choice(["", "", f"{self.base}/uploads/group/{name}.png", "2014-02-11-093012.481516logo.png"])
        created = rand_dt(rng, dt.datetime(2013, 6, 1), dt.datetime(2014, 1, 5))
        if self.id == "norland" and title in (LAKESIDE["title"], "City of Lakeside", RIVERBASIN["title"]):
            created = rand_dt(rng, dt.datetime(2016, 3, 1), dt.datetime(2016, 9, 1))
        display = image if image.startswith("http") or not image else f"{self.base}/uploads/group/{image}"
        return {"approval_status": "approved", "created": ts(created), "description": desc, "display_name": title,
                "id": uid(rng), "image_display_url": display, "image_url": image, "is_organization": is_org,
                "name": name, "num_followers": rng.randrange(0, 12), "package_count": 0, "state": "active",
                "title": title, "type": "organization" if is_org else "group", "_revision_id": uid(rng)}

    def org_ref(self, key):
        o = self.orgs[key]
        return {"id": o["id"], "name": o["name"], "title": o["title"], "type": "organization",
                "description": o["description"], "image_url": o["image_url"], "created": o["created"],
                "is_organization": True, "approval_status": "approved", "state": "active",
                "revision_id": o["_revision_id"]}

    def group_ref(self, key):
        g = self.groups[key]
        return {"description": g["description"], "display_name": g["title"], "id": g["id"],
                "image_display_url": g["image_display_url"], "name": g["name"], "title": g["title"]}

    def tag(self, name):
        style = self.cfg["tag_style"]
        name = name.lower().replace(" ", "-") if style == "slug" else name[:1].upper() + name[1:] if style == "capital" else name
        if name not in self.tag_ids:
            self.tag_ids[name] = uid(self.rng)
        return {"display_name": name, "id": self.tag_ids[name], "name": name, "state": "active", "vocabulary_id": None}

    def unique_name(self, slug):
        name, i = slug, 2
        while name in self.names:
            name, i = f"{slug}-{i}", i + 1
        self.names.add(name)
        return name


# ------------------------------------------------------------ package parts
def pick_titles(P):
    """Choose (topic, title, qualifier) triples: every topic once, then random extra qualifiers."""
    rng, cfg = P.rng, P.cfg
    pools = []
    for topic in cfg["topics"]:
        qual = topic["qual"]
        values = [None] if qual is None else list(qual) if isinstance(qual, list) else list(cfg["quals"][qual])
        rng.shuffle(values)
        pools.append([topic, values])
    chosen = [(topic, values.pop()) for topic, values in pools]
    while len(chosen) < cfg["n"]:
        live = [p for p in pools if p[1]]
        topic, values = rng.choices(live, [min(len(v), 4) for _, v in live])[0]
        chosen.append((topic, values.pop()))
    rng.shuffle(chosen)
    out = []
    for topic, q in chosen:
        titles = topic["titles"]
        template = titles[0] if len(titles) == 1 or rng.random() < 0.6 else rng.choice(titles[1:])
        if q is None and "{q}" in template:  # a qualified alternative picked for an unqualified slot
            template = titles[0]
        out.append((topic, template.replace("{q}", str(q)) if q is not None else template, q))
    return out


def person_fields(P, org_title):
    rng = P.rng
    roll = rng.random()
    if roll < 0.35:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = slugify(name).replace("-", ".") + "@" + P.mail_host if rng.random() < 0.7 else rng.choice([None, ""])
    elif roll < 0.6:
        name = rng.choice([org_title, "Open Data Team", f"{org_title} - data unit"])
        email = rng.choice(["opendata@" + P.mail_host, "data@" + P.mail_host, None])
    else:
        name, email = rng.choice([None, None, ""]), rng.choice([None, ""])
    return name, email


def make_notes(P, topic, q, org_title, long=False):
    rng = P.rng
    first = topic["note"].replace("{q}", str(q)).replace("{n}", str(rng.randint(3, 40)))
    generic = [g.replace("{org}", org_title).replace("{freq}", rng.choice(FREQ_WORDS)) for g in GENERIC]
    if long:
        cols = rng.sample(COLUMNS, 8)
        parts = [first + " " + " ".join(rng.sample(generic, 5)), "## Background",
                 " ".join(rng.sample(generic, 4)) + " " + first,
                 "## Fields", "\n".join(f"* `{c}` – {d}" for c, d in cols),
                 "## Known issues", "Between 2016 and 2018 some records were entered twice; duplicates were removed "
                 "in 2019 but identifiers were not reissued. " + " ".join(rng.sample(generic, 3)),
                 "## Change history", "\n".join(
                     f"* {rng.randint(2014, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} – "
                     + rng.choice(["added column", "renamed column", "corrected values in column",
                                   "removed column"]) + f" `{rng.choice(COLUMNS)[0]}`; " + rng.choice(generic).lower()
                     for _ in range(rng.randint(8, 14))),
                 f"See the [methodology]({P.base}/pages/methodology) and the [changelog]({P.base}/pages/changelog) for details."]
        return "\n\n".join(parts)
    text = " ".join([first] + rng.sample(generic, rng.choice([0, 1, 1, 2])))
    style = rng.random()
    if style < 0.1:
        text += "\n\n**Note:** " + rng.choice(generic)
    elif style < 0.18:
        text += f"\n\nSee the [methodology]({P.base}/pages/methodology) for details."
    elif style < 0.25:
        text += "\n\nMain fields:\n\n" + "\n".join(f"* `{c}` - {d}" for c, d in rng.sample(COLUMNS, rng.randint(2, 4)))
    return text


def make_resources(P, pkg_id, topic, title, q, created, modified):
    rng = P.rng
    kinds = list(topic["kinds"])
    if kinds[0] in ("csv", "xlsx") and year_of(q) and rng.random() < 0.25:  # split yearly data by quarter
        kinds = [kinds[0]] * 4 + kinds[1:]
    if rng.random() < 0.2 and "pdf" not in kinds:
        kinds.append("pdf")
    if rng.random() < 0.3:
        kinds = kinds[:rng.randint(1, len(kinds))]
    resources, slug = [], slugify(title)
    for pos, kind in enumerate(kinds[:6]):
        rid = uid(rng)
        fmt, mime, ext = rng.choice(FORMATS[kind])
        name = rng.choice(RES_NAMES[kind]).format(title=title, q=q or "", slug=slug).strip()
        if kinds.count(kind) == 4 and kind in ("csv", "xlsx"):
            name = f"{title} - Q{kinds[:pos + 1].count(kind)}"
        upload = ext is not None and rng.random() < 0.5
        if upload:
            url = f"{P.base}/dataset/{pkg_id}/resource/{rid}/download/{slug[:60]}.{ext}"
            size = int(10 ** rng.uniform(3, 7.6))
        elif kind == "api":
            url, size = f"https://api.{P.mail_host}/v1/{slug[:50]}", None
        elif kind == "wms":
            url, size = f"https://maps.{P.mail_host}/geoserver/ows?service=WMS&request=GetCapabilities&layers={slug[:40]}", None
        else:
            url = f"https://files.{P.mail_host}/opendata/{slug[:60]}-{pos + 1}.{ext}"
            r = rng.random()
            size = None if r < 0.6 else str(int(10 ** rng.uniform(3, 7))) if r < 0.85 else int(10 ** rng.uniform(3, 7))
        r_created = rand_dt(rng, created, modified) if modified > created else created
        last_mod = None if rng.random() < 0.35 else rand_dt(rng, r_created, modified) if modified > r_created else r_created
        desc = rng.choice(["", "", f"{kind.upper()} download.", f"Contains {title.lower()}.",
                           "Updated automatically.", "Historic data; no longer updated."])
        resources.append({
            "cache_last_updated": None, "cache_url": None, "created": ts(r_created),
            "datastore_active": upload and kind in ("csv", "xlsx") and rng.random() < 0.6,
            "description": desc, "format": fmt, "hash": "", "id": rid,
            "last_modified": ts(last_mod) if last_mod else None, "metadata_modified": ts(last_mod or r_created),
            "mimetype": mime if rng.random() < 0.8 else None, "mimetype_inner": None, "name": name,
            "package_id": pkg_id, "position": pos, "resource_type": None, "size": size, "state": "active",
            "url": url, "url_type": "upload" if upload else None})
    return resources


def make_extras(P, topic, q, created):
    rng, cfg = P.rng, P.cfg
    extras = {}
    w, s, e, n = cfg["bbox"]
    if rng.random() < 0.35:
        if topic["qual"] in ("district", "region", "river", "station") and q:
            h = (sum(map(ord, str(q))) % 97) / 97  # stable sub-box per place
            w, s = w + (e - w) * h * 0.7, s + (n - s) * (1 - h) * 0.7
            e, n = w + (e - w) * 0.25, s + (n - s) * 0.25
        if topic["qual"] == "station":
            geom = {"type": "Point", "coordinates": [round((w + e) / 2, 4), round((s + n) / 2, 4)]}
        else:
            ring = [[w, s], [e, s], [e, n], [w, n], [w, s]]
            geom = {"type": "Polygon", "coordinates": [[[round(x, 4), round(y, 4)] for x, y in ring]]}
        extras["spatial"] = json.dumps(geom, separators=(",", ":") if rng.random() < 0.3 else (", ", ": "))
    year = year_of(q)
    if rng.random() < (0.7 if year else 0.15):
        y0 = year or rng.randint(2000, 2015)
        extras["temporal_start"] = f"{y0}-01-01"
        extras["temporal_end"] = f"{y0}-12-31" if year else rng.choice(["", f"{rng.randint(y0, 2025)}-12-31"])
    if rng.random() < 0.4:
        extras["frequency"] = rng.choice(FREQUENCIES)
    if rng.random() < 0.3:
        extras["language"] = rng.choice(["en", "en", "eng", "English"])
    if rng.random() < 0.25:
        extras["contact_email"] = rng.choice(["opendata@", "data@", "info@"]) + P.mail_host
    if rng.random() < 0.3:
        extras["issued"] = created.strftime(rng.choice(ISSUED_FORMATS))
    if rng.random() < 0.25:
        g = topic["groups"][0]
        extras["theme"] = (f"http://publications.europa.eu/resource/authority/data-theme/{THEMES[g]}"
                           if rng.random() < 0.5 else P.groups[g]["title"])
    return [{"key": k, "value": v} for k, v in sorted(extras.items())]


def created_for(rng, q):
    year = year_of(q)
    if year is not None:
        lo = max(START, dt.datetime(year + 1, 1, 10) if "Q" not in str(q) else
                 dt.datetime(year, 3 * int(str(q)[1]), 20) + dt.timedelta(days=20))
        lo = min(lo, NOW - dt.timedelta(days=20))
        return rand_dt(rng, lo, min(NOW - dt.timedelta(days=5), lo + dt.timedelta(days=200)))
    return rand_dt(rng, START, dt.datetime(2025, 9, 30))


def build_package(P, topic, title, q):
    rng = P.rng
    pid = uid(rng)
    created = created_for(rng, q)
    modified = created if rng.random() < 0.12 else created + (NOW - created) * (rng.random() ** 2)
    org = P.orgs[topic["org"]]
    legacy = rng.random() < 0.06
    name = P.unique_name(f"{P.id[:3]}-ds-{rng.randint(100, 9999):04d}" if legacy else slugify(title))
    lic = weighted(rng, LICENSE_WEIGHTS)
    lic_title, lic_url, isopen = LICENSES.get(lic, (None, None, False))
    author, author_email = person_fields(P, org["title"])
    maint, maint_email = person_fields(P, org["title"])
    roll = rng.random()
    notes = None if roll < 0.05 else "" if roll < 0.1 else make_notes(P, topic, q, org["title"], long=roll > 0.97)
    tags = list(topic["tags"])
    if q and not year_of(q) and rng.random() < 0.6:
        tags.append(str(q).replace("'", ""))
    if year_of(q) and rng.random() < 0.3:
        tags.append(str(year_of(q)))
    tags = [] if rng.random() < 0.03 else [P.tag(x) for x in dict.fromkeys(tags)]
    groups = [] if rng.random() < 0.1 else [P.group_ref(g) for g in topic["groups"]]
    resources = [] if rng.random() < 0.03 else make_resources(P, pid, topic, title, q, created, modified)
    pkg = {"author": author, "author_email": author_email, "creator_user_id": rng.choice(P.users), "id": pid,
           "isopen": isopen, "license_id": lic, "license_title": lic_title}
    if lic_url:  # CKAN omits license_url when the licence has none
        pkg["license_url"] = lic_url
    pkg.update({"maintainer": maint, "maintainer_email": maint_email, "metadata_created": ts(created),
                "metadata_modified": ts(modified), "name": name, "notes": notes,
                "num_resources": len(resources), "num_tags": len(tags), "organization": P.org_ref(topic["org"]),
                "owner_org": org["id"], "private": False, "state": "active", "title": title, "type": "dataset",
                "url": rng.choice(["", "", "", None, f"https://www.{P.mail_host}/{slugify(topic['titles'][0])[:50]}"]),
                "version": rng.choice(VERSIONS) if rng.random() < 0.15 else None,
                "extras": make_extras(P, topic, q, created), "groups": groups, "resources": resources,
                "tags": tags, "relationships_as_subject": [], "relationships_as_object": []})
    if rng.random() < 0.015:  # CKAN's isoformat() drops ".000000"; a few records look like that
        pkg["metadata_created"] = created.replace(microsecond=0).isoformat()
    return pkg


def add_translations(P, pkg, topic, q):
    """ckanext-fluent style title_translated / notes_translated (English plus French or German)."""
    rng = P.rng
    langs = [lang for lang in ("fr", "de") if topic[lang]]
    lang = rng.choice(langs)
    tr_title = topic[lang].replace("{q}", str(q))
    vocab, freq = (FR_NOTES, FR_FREQ) if lang == "fr" else (DE_NOTES, DE_FREQ)
    tr_notes = " ".join(s.format(title=tr_title, org=pkg["organization"]["title"], freq=rng.choice(freq))
                        for s in vocab[:rng.randint(2, 4)])
    items = list(pkg.items())
    pos = [k for k, _ in items].index("num_resources")
    items.insert(pos, ("notes_translated", {"en": pkg["notes"] or "", lang: tr_notes}))
    pos = [k for k, _ in items].index("type")
    items.insert(pos, ("title_translated", {"en": pkg["title"], lang: tr_title}))
    return dict(items)


def republish(P, src, src_portal, org_key, group_map):
    """Copy a package harvested from another portal into P (norland), with small drifts."""
    rng, src_cfg = P.rng, src_portal.cfg
    pkg = json.loads(json.dumps(src))
    pid = uid(rng)
    short = "Lakeside" if src_portal.id == "lakeside" else "River Basin"
    title, r = src["title"], rng.random()
    title = (title if r < 0.4 else f"{short}: {title}" if r < 0.6 else
             rng.choice([title.upper(), title.lower(), title.title()]) if r < 0.8 else title + rng.choice([".", ".", " .", ";"]))
    notes, r = src["notes"], rng.random()
    if notes and r < 0.25:
        notes = notes + f" (Harvested from {src_cfg['title']}.)"
    elif notes and r < 0.4:
        notes = re.sub(r"[*`#\[\]]|\(http[^)]*\)", "", notes).strip()
    r = rng.random()
    name = P.unique_name(src["name"] if r < 0.5 else f"{src_portal.id}-{src['name']}" if r < 0.8 else f"{src['name']}-{src_portal.id}")
    src_mod = dt.datetime.fromisoformat(src["metadata_modified"])
    created = min(src_mod + dt.timedelta(days=rng.uniform(0.5, 60)), rand_dt(rng, NOW - dt.timedelta(days=2), NOW))
    modified = created if rng.random() < 0.5 else rand_dt(rng, created, NOW)
    src_url = f"https://{src_cfg['host']}/dataset/{src['name']}"
    extras = {e["key"]: e["value"] for e in src["extras"]}
    extras.update({"harvest_object_id": uid(rng), "harvest_source_id": P.harvest_source_ids[src_portal.id],
                   "harvest_source_title": src_cfg["title"], "identifier": src_url,
                   "guid": src["id"] if rng.random() < 0.5 else src_url})
    for res in pkg["resources"]:
        res.update({"id": uid(rng), "package_id": pid, "url_type": None, "datastore_active": False,
                    "metadata_modified": ts(created)})  # created/last_modified copied from the source
    src_group_ids = [g["id"] for g in src["groups"]]
    keys = [group_map.get(k, k) for k, g in src_portal.groups.items() if g["id"] in src_group_ids]
    groups = [P.group_ref(k) for k in dict.fromkeys(keys) if k in P.groups]
    tags = [{"display_name": x["name"], "id": P.tag_ids.setdefault(x["name"], uid(rng)), "name": x["name"],
             "state": "active", "vocabulary_id": None} for x in src["tags"]]  # harvested tags keep source spelling
    pkg.update({"creator_user_id": P.users[0], "id": pid, "metadata_created": ts(created),
                "metadata_modified": ts(modified), "name": name, "notes": notes,
                "organization": P.org_ref(org_key), "owner_org": P.orgs[org_key]["id"], "title": title,
                "extras": [{"key": k, "value": v} for k, v in sorted(extras.items())], "groups": groups,
                "tags": tags})
    return pkg


# --------------------------------------------------------------- assembly
def generate_portal(pid, cfg):
    P = Portal(pid, cfg)
    for topic, title, q in pick_titles(P):
        pkg = build_package(P, topic, title, q)
        if pid == "norland" and (topic["fr"] or topic["de"]) and P.rng.random() < 0.65:
            pkg = add_translations(P, pkg, topic, q)
        P.packages.append((pkg, topic, q))
    return P


def main():
    lake = generate_portal("lakeside", LAKESIDE)
    river = generate_portal("riverbasin", RIVERBASIN)
    nor = generate_portal("norland", NORLAND)
    nor.harvest_source_ids = {"lakeside": uid(nor.rng), "riverbasin": uid(nor.rng)}
    # Whitespace quirks in two lakeside titles.
    lake.packages[7][0]["title"] += " "
    lake.packages[19][0]["title"] = lake.packages[19][0]["title"].replace(" ", "  ", 1)
    # Two norland translations left empty by the publisher.
    empties = [i for i, (p, _, _) in enumerate(nor.packages) if "title_translated" in p][:2]
    for i in empties:
        p, topic, q = nor.packages[i]
        for k in ("title_translated", "notes_translated"):
            lang = [x for x in p[k] if x != "en"][0]
            p[k][lang] = ""
    # Cross-portal re-publications into norland.
    lake_src = sorted(nor.rng.sample(range(len(lake.packages)), 30))
    river_valid = [i for i in range(len(river.packages)) if i not in (17, 42, 63)]
    river_src = sorted(nor.rng.sample(river_valid, 10))
    dups = [republish(nor, lake.packages[i][0], lake, "lakeside", {"planning": "regions"}) for i in lake_src]
    dups += [republish(nor, river.packages[i][0], river, "riverbasin",
                       {"water": "environment", "flood": "environment", "biodiversity": "environment",
                        "monitoring": "science"}) for i in river_src]
    nor_pkgs = [p for p, _, _ in nor.packages]
    for d in dups:
        nor_pkgs.insert(nor.rng.randrange(len(nor_pkgs) + 1), d)
    # Deliberately malformed riverbasin packages (see README).
    rp = [p for p, _, _ in river.packages]
    del rp[17]["id"], rp[17]["name"]
    rp[42]["resources"] = json.dumps([{"url": r["url"], "format": r["format"]} for r in rp[42]["resources"]])
    rp[63]["title"] = None
    rp[63]["extras"] = {e["key"]: e["value"] for e in rp[63]["extras"]} or {"frequency": "monthly"}

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for P, pkgs in ((lake, [p for p, _, _ in lake.packages]), (nor, nor_pkgs), (river, rp)):
        counts = {}
        for p in pkgs:
            counts[p["owner_org"]] = counts.get(p["owner_org"], 0) + 1
        orgs = [dict({k: v for k, v in o.items() if k != "_revision_id"}, package_count=counts.get(o["id"], 0))
                for o in P.orgs.values()]
        groups = [{k: v for k, v in g.items() if k != "_revision_id"} for g in P.groups.values()]
        for g in groups:
            g["package_count"] = sum(any(x["id"] == g["id"] for x in p["groups"]) for p in pkgs)
        doc = {"portal": {"id": P.id, "title": P.cfg["title"], "description": P.cfg["description"], "language": "en"},
               "organizations": orgs, "groups": groups, "packages": pkgs}
        with open(OUT_DIR / f"{P.id}.json", "w", encoding="utf-8", newline="\n") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        non_ascii = sum(any(ord(c) > 127 and c.isalpha() for c in (p.get("title") or "")) for p in pkgs)
        print(f"{P.id}: {len(pkgs)} packages, {len(orgs)} organizations, {len(groups)} groups, "
              f"{non_ascii} titles with non-ASCII letters")
    print("republished into norland:", ", ".join(f"{lake.packages[i][0]['name']}" for i in lake_src), "|",
          ", ".join(river.packages[i][0]["name"] for i in river_src))
    print("malformed riverbasin packages at indexes 17, 42, 63:",
          [rp[17].get("title"), rp[42].get("name"), rp[63].get("name")])


if __name__ == "__main__":
    main()
