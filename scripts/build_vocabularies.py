"""Build enlace/core/data/vocabularies.csv (run by developers, not at runtime).

HTCDS v2.0 picklists (IOM, CC BY 4.0; "HTCDS by IOM", no endorsement implied) are read from
../shared/data/htcds/htcds_fields.csv; their system value names are kept as stable codes, with
the source's known defects fixed: the trailing space of "DebtBondage " is stripped, and
"RestrictsMovement", defined by the standard's methods-of-control definitions but missing from
its picklist, is added (source `enlace`). Each HTCDS vocabulary below must list exactly the
picklist's values (the script fails otherwise), so a new HTCDS release cannot drift silently.
Enlace's extensions cover what HTCDS lacks for governments and smuggling (SUMMARY.md).

Usage: python scripts/build_vocabularies.py [path/to/htcds_fields.csv]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTCDS_FIELDS = ROOT.parent / "shared" / "data" / "htcds" / "htcds_fields.csv"
OUT = ROOT / "enlace" / "core" / "data" / "vocabularies.csv"

# vocabulary -> HTCDS field whose picklist it mirrors
HTCDS_SOURCES = {
    "organisation_type": "org_Type", "gender": "prs_Gender", "marital_status": "prs_MaritalStatus",
    "education_level": "prs_HighestLevelOfEducation",
    "trafficking_status": "vic_TraffickingStatus",
    "trafficking_status_decided_by": "vic_TraffickingStatusDecisionMakingOrg",
    "relationship_to_trafficker": "vic_RelationshipToTrafficker",
    "recruitment_platform": "vic_RecruitmentWebsitesAndApps",
    "recruitment_method": "vic_MethodOfRecruitment", "methods_of_control": "vic_MethodsOfControl",
    "exploitation_type": "vic_TypeOfExploitation", "forced_labour_industry": "vic_ForcedLabourIndustry",
    "sexual_exploitation_type": "vic_TypeOfSexExploitation", "vulnerability": "vic_Vulnerabilities",
    "perpetrator_role": "per_RoleInProcess", "case_status": "cas_Status",
    "referral_reason": "cas_ReasonForIncomingReferral", "historic_event_type": "hte_Type",
    "support_plan_type": "spl_Type",
}
ADDED_TO_HTCDS = {"methods_of_control": {"RestrictsMovement"}}
PARENTS = {"sexual_exploitation_type": "SexualExploitation",
           "forced_labour_industry": "ForcedLabour"}

L = {  # vocabulary -> {code: (Spanish, English)}, in display order
"organisation_type": {
    "NGO": ("Organización no gubernamental", "Non-governmental organisation"),
    "LawEnforcement": ("Fuerzas del orden", "Law enforcement"),
    "HealthServiceOrganisation": ("Servicio de salud", "Health service organisation"),
    "CentralGovernmentOrganisation": ("Gobierno central", "Central government organisation"),
    "LocalGovernmentOrganisation": ("Gobierno local", "Local government organisation"),
    "ImmigrationService": ("Servicio de migración", "Immigration service"),
    "LegalService": ("Servicio legal", "Legal service"),
    "CorporateBusiness": ("Empresa", "Corporate business"),
    "SchoolOrCollege": ("Escuela o centro educativo", "School or college")},
"gender": {
    "Feminine": ("Femenino", "Feminine"), "Masculine": ("Masculino", "Masculine"),
    "TransgenderFeminine": ("Mujer trans", "Transgender feminine"),
    "TransgenderMasculine": ("Hombre trans", "Transgender masculine"),
    "NonConforming": ("No conforme con el género", "Gender non-conforming"),
    "NonSpecifiedUnknown": ("No especificado o desconocido", "Not specified or unknown")},
"marital_status": {
    "Single": ("Soltero/a", "Single"), "Married": ("Casado/a", "Married"),
    "Widowed": ("Viudo/a", "Widowed"), "Divorced": ("Divorciado/a", "Divorced"),
    "Separated": ("Separado/a", "Separated"),
    "RegisteredPartnership": ("Unión de hecho registrada", "Registered partnership")},
"education_level": {
    "EarlyChildhoodEducation": ("Educación inicial", "Early childhood education"),
    "PrimaryEducation": ("Primaria", "Primary education"),
    "LowerSecondaryEducation": ("Secundaria básica", "Lower secondary education"),
    "UpperSecondaryEducation": ("Secundaria superior (bachillerato)", "Upper secondary education"),
    "PostSecondaryNonTertiaryEducation": ("Postsecundaria no terciaria",
                                          "Post-secondary non-tertiary education"),
    "ShortCycleTertiaryEducation": ("Técnico superior", "Short-cycle tertiary education"),
    "BachelorsOrEquivalentLevel": ("Licenciatura o equivalente", "Bachelor's or equivalent"),
    "MastersOrEquivalentLevel": ("Maestría o equivalente", "Master's or equivalent"),
    "DoctoralOrEquivalentLevel": ("Doctorado o equivalente", "Doctoral or equivalent")},
"trafficking_status": {
    "PossibleVictimOfTrafficking": ("Posible víctima de trata", "Possible victim of trafficking"),
    "ActualVictimOfTrafficking": ("Víctima de trata identificada", "Identified victim of trafficking"),
    "NotAVictimOfTrafficking": ("No es víctima de trata", "Not a victim of trafficking")},
"trafficking_status_decided_by": {
    "Police": ("Policía", "Police"), "NGO": ("Organización no gubernamental", "NGO"),
    "CourtOrProsecution": ("Tribunal o fiscalía", "Court or prosecution"),
    "NonPoliceGovernmentalOrganization": ("Institución pública no policial",
                                          "Non-police government body"),
    "Other": ("Otro", "Other")},
"relationship_to_trafficker": {
    "Familial": ("Familiar", "Family member"), "Acquainted": ("Conocido/a", "Acquaintance"),
    "Unaquainted": ("Desconocido/a", "Stranger")},
"recruitment_platform": {
    "Facebook": ("Facebook", "Facebook"), "Instagram": ("Instagram", "Instagram"),
    "WhatsApp": ("WhatsApp", "WhatsApp"), "Telegram": ("Telegram", "Telegram"),
    "FacebookMessenger": ("Facebook Messenger", "Facebook Messenger"),
    "Viber": ("Viber", "Viber"), "SnapChat": ("Snapchat", "Snapchat"), "Line": ("Line", "Line"),
    "4Sale": ("4Sale", "4Sale"), "WeChat": ("WeChat", "WeChat"), "QQ": ("QQ", "QQ"),
    "QZone": ("QZone", "QZone"), "TikTok": ("TikTok", "TikTok"),
    "Twitter": ("Twitter / X", "Twitter / X"), "Other": ("Otra", "Other")},
"recruitment_method": {
    "AtAPlaceOfBusiness": ("En un comercio o negocio", "At a place of business"),
    "AtAnEducationalInstitution": ("En un centro educativo", "At an educational institution"),
    "AtWork": ("En el trabajo", "At work"),
    "ThroughOnlineSocialNetworks": ("Por redes sociales", "Through online social networks"),
    "ThroughAnOnlineAdvertisement": ("Por un anuncio en internet", "Through an online advertisement"),
    "ThroughATelevisionAdvert": ("Por un anuncio de televisión", "Through a television advert"),
    "ThroughANewspaperAdvert": ("Por un anuncio en el periódico", "Through a newspaper advert"),
    "ThroughFamilyOrFamilyEvents": ("Por la familia o en eventos familiares",
                                    "Through family or family events"),
    "ThroughFriendsOrSocialEvents": ("Por amistades o en eventos sociales",
                                     "Through friends or social events"),
    "Other": ("Otro", "Other")},
"methods_of_control": {
    "PhysicalThreats": ("Amenazas de daño físico", "Threats of physical harm"),
    "ThreatsLawEnforcement": ("Amenazas de denuncia a las autoridades",
                              "Threats of reporting to law enforcement"),
    "ThreatensChildrenFamily": ("Amenazas a hijos o familiares", "Threats to children or family"),
    "DebtBondage": ("Servidumbre por deudas", "Debt bondage"),
    "FalsePromises": ("Falsas promesas", "False promises"),
    "PhysicalAbuse": ("Maltrato físico", "Physical abuse"),
    "SexualAbuse": ("Abuso sexual", "Sexual abuse"),
    "TakesEarnings": ("Retención de ganancias", "Takes earnings"),
    "RestrictsFinancialAccess": ("Restricción del acceso a recursos económicos",
                                 "Restricts financial access"),
    "RestrictsMedicalCare": ("Restricción de la atención médica", "Restricts medical care"),
    "WithholdsNecessities": ("Privación de necesidades básicas", "Withholds necessities"),
    "PsychologicalAbuse": ("Maltrato psicológico", "Psychological abuse"),
    "PsychoactiveSubstance": ("Uso forzado de sustancias psicoactivas",
                              "Forced use of psychoactive substances"),
    "ExcessiveWorkingHours": ("Jornadas de trabajo excesivas", "Excessive working hours"),
    "WithholdsDocuments": ("Retención de documentos", "Withholds documents"),
    "RestrictsMovement": ("Restricción de la libertad de movimiento", "Restricts movement"),
    "Other": ("Otro", "Other")},
"exploitation_type": {
    "ForcedLabour": ("Trabajo forzoso", "Forced labour"),
    "SexualExploitation": ("Explotación sexual", "Sexual exploitation"),
    "ChildLabour": ("Trabajo infantil", "Child labour"),
    "ForcedMarriage": ("Matrimonio forzado", "Forced marriage"),
    "Servitude": ("Servidumbre", "Servitude"),
    "ForcedMilitaryByNonStateActors": ("Reclutamiento forzado por grupos armados no estatales",
                                       "Forced recruitment by non-state armed groups"),
    "OrganRemoval": ("Extracción de órganos", "Organ removal"),
    "ForcedBegging": ("Mendicidad forzada", "Forced begging"),
    "ForcedAdoption": ("Adopción ilegal", "Forced adoption"),
    "Surrogacy": ("Gestación subrogada forzada", "Forced surrogacy"),
    "Other": ("Otra", "Other")},
"forced_labour_industry": {
    "A_AgricultureForestryAndFishing": ("A. Agricultura, ganadería, silvicultura y pesca",
                                        "A. Agriculture, forestry and fishing"),
    "B_MiningAndQuarrying": ("B. Explotación de minas y canteras", "B. Mining and quarrying"),
    "C_Manufacturing": ("C. Industrias manufactureras", "C. Manufacturing"),
    "D_ElectricityGasSteamAndAirConditioningSupply": (
        "D. Suministro de electricidad, gas, vapor y aire acondicionado",
        "D. Electricity, gas, steam and air conditioning supply"),
    "E_WaterSupplySewerageWasteManagement": (
        "E. Suministro de agua; evacuación de aguas residuales, gestión de desechos",
        "E. Water supply; sewerage, waste management"),
    "F_Construction": ("F. Construcción", "F. Construction"),
    "G_WholesaleAndRetailTradeRepairOfMotorVehicles": (
        "G. Comercio al por mayor y al por menor; reparación de vehículos",
        "G. Wholesale and retail trade; repair of motor vehicles"),
    "H_TransportationAndStorage": ("H. Transporte y almacenamiento",
                                   "H. Transportation and storage"),
    "I_AccommodationAndFoodServiceActivities": ("I. Alojamiento y servicio de comidas",
                                                "I. Accommodation and food service activities"),
    "J_InformationAndCommunication": ("J. Información y comunicaciones",
                                      "J. Information and communication"),
    "K_FinancialAndInsuranceActivities": ("K. Actividades financieras y de seguros",
                                          "K. Financial and insurance activities"),
    "L_RealEstateActivities": ("L. Actividades inmobiliarias", "L. Real estate activities"),
    "M_ProfessionalScientificAndTechnicalActivities": (
        "M. Actividades profesionales, científicas y técnicas",
        "M. Professional, scientific and technical activities"),
    "N_AdministrativeAndSupportServiceActivities": (
        "N. Actividades de servicios administrativos y de apoyo",
        "N. Administrative and support service activities"),
    "O_PublicAdministrationAndDefence": ("O. Administración pública y defensa",
                                         "O. Public administration and defence"),
    "P_Education": ("P. Enseñanza", "P. Education"),
    "Q_HumanHealthAndSocialWorkActivities": (
        "Q. Actividades de atención de la salud humana y de asistencia social",
        "Q. Human health and social work activities"),
    "R_ArtsEntertainmentAndRecreation": ("R. Actividades artísticas, de entretenimiento y recreativas",
                                         "R. Arts, entertainment and recreation"),
    "S_OtherServiceActivities": ("S. Otras actividades de servicios", "S. Other service activities"),
    "T_ActivitiesOfHouseholdsAsEmployers": ("T. Actividades de los hogares como empleadores",
                                            "T. Activities of households as employers"),
    "U_ActivitiesOfExtraterritorialOrganizations": (
        "U. Actividades de organizaciones extraterritoriales",
        "U. Activities of extraterritorial organizations")},
"sexual_exploitation_type": {
    "Prostitution": ("Explotación de la prostitución ajena", "Exploitation of prostitution"),
    "Pornography": ("Pornografía", "Pornography"),
    "RemoteInteractiveServices": ("Servicios sexuales interactivos a distancia",
                                  "Remote interactive sexual services"),
    "PrivateSexualServices": ("Servicios sexuales privados", "Private sexual services")},
"vulnerability": {
    "Addiction": ("Adicciones", "Addiction"), "SocialGroup": ("Grupo social", "Social group"),
    "Discrimination": ("Discriminación", "Discrimination"), "Poverty": ("Pobreza", "Poverty"),
    "DisabilityAndPhysicalHealth": ("Discapacidad y salud física", "Disability and physical health"),
    "MentalHealth": ("Salud mental", "Mental health"), "Migration": ("Migración", "Migration"),
    "Homelessness": ("Situación de calle", "Homelessness"),
    "AbuseSocialMedia": ("Abuso en redes sociales", "Abuse on social media"),
    "AbusePhysical": ("Abuso físico", "Physical abuse"), "Education": ("Educación", "Education"),
    "WorkEnvironment": ("Entorno laboral", "Work environment")},
"perpetrator_role": {
    "TravellingPartner": ("Acompañante de viaje", "Travelling partner"),
    "Transporter": ("Transportista", "Transporter"),
    "RecruiterOrIntermediary": ("Captador/a o intermediario/a", "Recruiter or intermediary"),
    "BrokerTravelAgent": ("Gestor/a o agente de viajes", "Broker or travel agent"),
    "TransferredIndividual": ("Trasladó a la persona", "Transferred the person"),
    "HarbouredIndividual": ("Acogió u ocultó a la persona", "Harboured the person"),
    "SoldIndividual": ("Vendió a la persona", "Sold the person"),
    "BoughtIndividual": ("Compró a la persona", "Bought the person"),
    "ReceivedIndividual": ("Recibió a la persona", "Received the person"),
    "ControlledIndividual": ("Controló a la persona", "Controlled the person"),
    "Smuggler": ("Traficante de migrantes", "Smuggler"),
    "Abuser": ("Agresor/a", "Abuser"), "Kidnapper": ("Secuestrador/a", "Kidnapper"),
    "Exploiter": ("Explotador/a", "Exploiter"), "Other": ("Otro", "Other")},
"case_status": {
    "Active": ("Activo", "Active"), "FollowUp": ("En seguimiento", "Follow-up"),
    "Closed": ("Cerrado", "Closed"), "ClosedReferred": ("Cerrado por derivación", "Closed (referred)")},
"referral_reason": {
    "AdditionalServicesRequired": ("Se requieren servicios adicionales",
                                   "Additional services required"),
    "MigrationOrChangeOfLocation": ("Migración o cambio de ubicación",
                                    "Migration or change of location"),
    "Other": ("Otro", "Other")},
"historic_event_type": {
    "Recruitment": ("Captación", "Recruitment"), "Transit": ("Tránsito", "Transit"),
    "Exploitation": ("Explotación", "Exploitation")},
"support_plan_type": {
    "Education": ("Educación", "Education"), "Financial": ("Apoyo económico", "Financial"),
    "Health": ("Salud", "Health"),
    "LabourExploitationRehabilitation": ("Recuperación tras explotación laboral",
                                         "Rehabilitation after labour exploitation"),
    "Legal": ("Asistencia legal", "Legal"), "Livelihood": ("Medios de vida", "Livelihood"),
    "RightsBasedTraining": ("Formación en derechos", "Rights-based training"),
    "SexualExploitationRehabilitation": ("Recuperación tras explotación sexual",
                                         "Rehabilitation after sexual exploitation"),
    "SocialCare": ("Atención social", "Social care")},
# ---- Enlace extensions (source `enlace`) ----
"case_type": {
    "trafficking": ("Trata de personas", "Trafficking in persons"),
    "smuggling": ("Tráfico ilícito de migrantes", "Migrant smuggling"),
    "both": ("Trata y tráfico", "Both trafficking and smuggling"),
    "undetermined": ("Por determinar", "Undetermined")},
"person_role": {
    "victim": ("Víctima", "Victim"), "smuggled_migrant": ("Migrante objeto de tráfico", "Smuggled migrant"),
    "suspect": ("Sospechoso/a", "Suspect"), "convicted": ("Condenado/a", "Convicted"),
    "witness": ("Testigo", "Witness"), "facilitator": ("Facilitador/a", "Facilitator")},
"record_status": {
    "draft": ("Borrador", "Draft"), "active": ("Activo", "Active"),
    "closed": ("Cerrado", "Closed"), "archived": ("Archivado", "Archived")},
"sex": {"M": ("Hombre", "Male"), "F": ("Mujer", "Female"), "X": ("No especificado", "Not specified")},
"age_band": {
    "0_11": ("0 a 11 años", "0-11 years"), "12_17": ("12 a 17 años", "12-17 years"),
    "18_29": ("18 a 29 años", "18-29 years"), "30_49": ("30 a 49 años", "30-49 years"),
    "50_plus": ("50 años o más", "50 years or more"), "unknown": ("Desconocida", "Unknown")},
"transport_mode": {
    "road": ("Terrestre (carretera)", "Road"), "truck_trailer": ("Camión o tráiler", "Truck or trailer"),
    "bus": ("Autobús", "Bus"), "car": ("Automóvil", "Car"), "boat": ("Embarcación", "Boat"),
    "small_vessel": ("Lancha o embarcación menor", "Small vessel"), "air": ("Aéreo", "Air"),
    "rail": ("Ferrocarril", "Rail"), "on_foot": ("A pie", "On foot"), "other": ("Otro", "Other")},
"concealment_method": {
    "none": ("Sin ocultamiento", "None"), "vehicle_compartment": ("Compartimento oculto en vehículo",
                                                                  "Hidden vehicle compartment"),
    "cargo": ("Entre la carga", "Inside cargo"), "container": ("Contenedor", "Container"),
    "false_identity": ("Identidad falsa", "False identity"), "other": ("Otro", "Other")},
"crossing_type": {
    "official_port": ("Puesto fronterizo oficial", "Official port of entry"),
    "irregular_crossing": ("Cruce irregular (punto ciego)", "Irregular crossing (blind spot)")},
"detecting_authority": {
    "migration": ("Autoridad migratoria", "Migration authority"), "police": ("Policía", "Police"),
    "border_police": ("Policía de fronteras", "Border police"), "customs": ("Aduanas", "Customs"),
    "military": ("Fuerzas armadas", "Armed forces"), "coast_guard": ("Guardacostas", "Coast guard"),
    "prosecution": ("Fiscalía", "Prosecution"), "other": ("Otra", "Other")},
"payment_method": {
    "cash": ("Efectivo", "Cash"), "bank_transfer": ("Transferencia bancaria", "Bank transfer"),
    "money_transfer": ("Remesadora", "Money transfer service"), "hawala": ("Hawala", "Hawala"),
    "crypto": ("Criptomonedas", "Cryptocurrency"), "in_kind": ("En especie", "In kind"),
    "debt": ("Deuda contraída", "Debt taken on")},
"fee_payer": {
    "migrant": ("La persona migrante", "The migrant"), "family": ("Familiares", "Family"),
    "employer": ("Empleador/a", "Employer"), "other": ("Otro", "Other")},
"document_type": {
    "passport": ("Pasaporte", "Passport"), "national_id": ("Documento nacional de identidad", "National identity card"),
    "visa": ("Visa", "Visa"), "residence_permit": ("Permiso de residencia", "Residence permit"),
    "birth_certificate": ("Acta o partida de nacimiento", "Birth certificate"),
    "travel_document": ("Documento de viaje", "Travel document"), "other": ("Otro", "Other")},
"document_nature": {
    "genuine": ("Auténtico", "Genuine"), "counterfeit": ("Falsificado (íntegramente)", "Counterfeit"),
    "forged": ("Alterado", "Forged"),
    "fraudulently_obtained": ("Obtenido fraudulentamente", "Fraudulently obtained"),
    "impostor": ("Impostor (documento auténtico, otro titular)", "Impostor (genuine document, other holder)"),
    "stolen_blank": ("Formulario en blanco robado", "Stolen blank"),
    "none": ("Sin documento", "No document")},
"modus_operandi_tag": {
    "false_job_offer": ("Oferta de empleo falsa", "False job offer"),
    "romance": ("Enamoramiento (\"lover boy\")", "Romance (\"lover boy\")"),
    "debt": ("Endeudamiento", "Debt"), "document_retention": ("Retención de documentos", "Document retention"),
    "social_media": ("Uso de redes sociales", "Use of social media"),
    "corrupt_officials": ("Complicidad de funcionarios", "Corrupt officials"),
    "safe_houses": ("Casas de seguridad", "Safe houses"),
    "blind_spots": ("Rutas por puntos ciegos", "Routes through blind spots"),
    "vehicle_concealment": ("Ocultamiento en vehículos", "Concealment in vehicles"),
    "fake_tourism": ("Falso turismo", "Fake tourism"), "marriage": ("Matrimonio", "Marriage"),
    "family_involvement": ("Participación de familiares", "Family involvement"),
    "false_documents": ("Documentos falsos", "False documents"),
    "kidnapping": ("Secuestro", "Kidnapping"), "drug_coercion": ("Coerción con drogas", "Drug coercion")},
"justice_stage": {
    "investigation": ("Investigación", "Investigation"), "arrest": ("Detención", "Arrest"),
    "charges": ("Acusación", "Charges"), "prosecution": ("Juicio", "Prosecution"),
    "conviction": ("Condena", "Conviction"), "acquittal": ("Absolución", "Acquittal"),
    "sentence": ("Sentencia firme", "Sentence")},
"assistance_type": {
    "shelter": ("Albergue", "Shelter"), "repatriation": ("Repatriación", "Repatriation"),
    "reintegration": ("Reinserción", "Reintegration"), "referral": ("Derivación", "Referral"),
    "medical": ("Atención médica", "Medical care"), "legal": ("Asistencia legal", "Legal aid"),
    "psychological": ("Atención psicológica", "Psychological support")},
"migration_status": {
    "family": ("Migración familiar", "Family migrant"), "visitor": ("Visitante", "Visitor"),
    "labour": ("Trabajador/a migrante", "Labour migrant"), "student": ("Estudiante", "Student"),
    "irregular": ("En situación irregular", "Irregular migrant"),
    "asylum_seeker": ("Solicitante de asilo", "Asylum seeker"), "refugee": ("Refugiado/a", "Refugee"),
    "complementary_protection": ("Protección complementaria", "Complementary protection"),
    "stateless": ("Apátrida", "Stateless"), "stranded": ("Varado/a", "Stranded migrant"),
    "deportee": ("Deportado/a", "Deportee"), "returnee": ("Retornado/a", "Returnee"),
    "idp": ("Desplazado/a interno/a", "Internally displaced person"),
    "separated_child": ("Niña, niño o adolescente separado", "Separated child"),
    "unaccompanied_child": ("Niña, niño o adolescente no acompañado", "Unaccompanied child")},
"handling_code": {
    "H0": ("H0: solo para uso de las autoridades de aplicación de la ley", "H0: law-enforcement use only"),
    "H1": ("H1: no utilizar en procesos judiciales sin consentimiento del país propietario",
           "H1: not for judicial proceedings without the owner's consent"),
    "H2": ("H2: no transmitir a terceros sin consentimiento del país propietario",
           "H2: not to third parties without the owner's consent")},
"audience": {
    "national": ("Nacional", "National"), "selected": ("Estados seleccionados", "Selected states"),
    "network": ("Red", "Network"), "partners": ("Socios", "Partners")},
"organization_kind": {
    "national_office": ("Oficina nacional", "National office"),
    "secretariat": ("Secretaría Técnica", "Technical Secretariat"),
    "observer": ("Organización observadora", "Observer organization"),
    "civil_society": ("Sociedad civil", "Civil society"), "other": ("Otra", "Other")},
"meeting_body": {
    "network": ("Red de Funcionarios de Enlace", "Liaison Officers Network"),
    "grcm": ("GRCM", "GRCM"), "viceministerial": ("Reunión Viceministerial", "Vice-ministerial meeting"),
    "workshop": ("Taller", "Workshop"), "other": ("Otra", "Other")},
"schedule_state": {
    "ongoing": ("Continuo", "Ongoing"), "pending": ("Pendiente", "Pending"),
    "to_be_defined": ("Por definir", "To be defined"), "due_date": ("Con fecha", "Due date"),
    "done": ("Cumplido (pasa al histórico)", "Done (moves to history)")},
}


def htcds_picklists(path: Path) -> dict[str, list[str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["field_name"]: [value.strip() for value in row["picklist_values"].split("|")]
                for row in csv.DictReader(handle) if row["picklist_values"]
                and not row["picklist_values"].startswith("[")}


def main() -> None:
    picklists = htcds_picklists(Path(sys.argv[1]) if len(sys.argv) > 1 else HTCDS_FIELDS)
    rows = []
    for vocabulary, labels in L.items():
        field = HTCDS_SOURCES.get(vocabulary)
        htcds_codes = set(picklists[field]) if field else set()
        if field:
            expected = htcds_codes | ADDED_TO_HTCDS.get(vocabulary, set())
            if set(labels) != expected:
                raise SystemExit(f"{vocabulary}: labels differ from HTCDS {field}: "
                                 f"{sorted(set(labels) ^ expected)}")
        for order, (code, (label_es, label_en)) in enumerate(labels.items(), start=1):
            rows.append([vocabulary, code, label_es, label_en,
                         "htcds" if code in htcds_codes else "enlace", order,
                         PARENTS.get(vocabulary, "")])
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["vocabulary", "code", "label_es", "label_en", "source", "sort_order",
                         "parent_code"])
        writer.writerows(rows)
    print(f"{len(rows)} terms in {len(L)} vocabularies written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
