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
    "organisation_type": "org_Type",
    "gender": "prs_Gender",
    "marital_status": "prs_MaritalStatus",
    "education_level": "prs_HighestLevelOfEducation",
    "trafficking_status": "vic_TraffickingStatus",
    "trafficking_status_decided_by": "vic_TraffickingStatusDecisionMakingOrg",
    "relationship_to_trafficker": "vic_RelationshipToTrafficker",
    "recruitment_platform": "vic_RecruitmentWebsitesAndApps",
    "recruitment_method": "vic_MethodOfRecruitment",
    "methods_of_control": "vic_MethodsOfControl",
    "exploitation_type": "vic_TypeOfExploitation",
    "forced_labour_industry": "vic_ForcedLabourIndustry",
    "sexual_exploitation_type": "vic_TypeOfSexExploitation",
    "vulnerability": "vic_Vulnerabilities",
    "perpetrator_role": "per_RoleInProcess",
    "case_status": "cas_Status",
    "referral_reason": "cas_ReasonForIncomingReferral",
    "historic_event_type": "hte_Type",
    "support_plan_type": "spl_Type",
}
ADDED_TO_HTCDS = {"methods_of_control": {"RestrictsMovement"}}
PARENTS = {
    "sexual_exploitation_type": "SexualExploitation",
    "forced_labour_industry": "ForcedLabour",
}

L = {  # vocabulary -> {code: (Spanish, English)}, in display order
    "organisation_type": {
        "NGO": ("Organización no gubernamental (ONG)", "Non-governmental organization (NGO)"),
        "LawEnforcement": ("Policía o cuerpo de seguridad", "Law enforcement"),
        "HealthServiceOrganisation": ("Servicio de salud", "Health service"),
        "CentralGovernmentOrganisation": (
            "Institución del gobierno central",
            "Central government body",
        ),
        "LocalGovernmentOrganisation": ("Gobierno local o municipalidad", "Local government"),
        "ImmigrationService": ("Autoridad migratoria", "Immigration service"),
        "LegalService": ("Servicio de asistencia jurídica", "Legal service"),
        "CorporateBusiness": ("Empresa privada", "Private company"),
        "SchoolOrCollege": ("Centro educativo", "School or college"),
    },
    "gender": {
        "Feminine": ("Femenino", "Feminine"),
        "Masculine": ("Masculino", "Masculine"),
        "TransgenderFeminine": ("Mujer trans", "Trans woman"),
        "TransgenderMasculine": ("Hombre trans", "Trans man"),
        "NonConforming": ("Género no conforme", "Gender non-conforming"),
        "NonSpecifiedUnknown": ("No especificado o desconocido", "Not specified or unknown"),
    },
    "marital_status": {
        "Single": ("Soltero/a", "Single"),
        "Married": ("Casado/a", "Married"),
        "Widowed": ("Viudo/a", "Widowed"),
        "Divorced": ("Divorciado/a", "Divorced"),
        "Separated": ("Separado/a", "Separated"),
        "RegisteredPartnership": ("Unión de hecho registrada", "Registered partnership"),
    },
    "education_level": {  # ISCED 2011 levels 0-8 (CINE 2011), in the names used in the region
        "EarlyChildhoodEducation": ("Educación inicial o preescolar", "Early childhood education"),
        "PrimaryEducation": ("Educación primaria", "Primary education"),
        "LowerSecondaryEducation": ("Educación secundaria básica", "Lower secondary education"),
        "UpperSecondaryEducation": (
            "Bachillerato o secundaria superior",
            "Upper secondary education",
        ),
        "PostSecondaryNonTertiaryEducation": (
            "Educación postsecundaria no universitaria",
            "Post-secondary non-tertiary education",
        ),
        "ShortCycleTertiaryEducation": (
            "Técnico superior universitario",
            "Short-cycle tertiary education",
        ),
        "BachelorsOrEquivalentLevel": (
            "Licenciatura o equivalente",
            "Bachelor's or equivalent level",
        ),
        "MastersOrEquivalentLevel": ("Maestría o equivalente", "Master's or equivalent level"),
        "DoctoralOrEquivalentLevel": ("Doctorado o equivalente", "Doctoral or equivalent level"),
    },
    "trafficking_status": {
        "PossibleVictimOfTrafficking": (
            "Posible víctima de trata",
            "Possible victim of trafficking",
        ),
        "ActualVictimOfTrafficking": (
            "Víctima de trata identificada",
            "Identified victim of trafficking",
        ),
        "NotAVictimOfTrafficking": ("No es víctima de trata", "Not a victim of trafficking"),
    },
    "trafficking_status_decided_by": {
        "Police": ("Policía", "Police"),
        "NGO": ("Organización no gubernamental (ONG)", "Non-governmental organization (NGO)"),
        "CourtOrProsecution": ("Tribunal o fiscalía", "Court or prosecution"),
        "NonPoliceGovernmentalOrganization": (
            "Institución pública no policial",
            "Non-police government body",
        ),
        "Other": ("Otro", "Other"),
    },
    "relationship_to_trafficker": {  # "Unaquainted" is HTCDS's own spelling: kept as the code
        "Familial": ("Familiar", "Family member"),
        "Acquainted": ("Conocido/a", "Acquaintance"),
        "Unaquainted": ("Desconocido/a", "Stranger"),
    },
    "recruitment_platform": {  # also the picklist of vic_ExploitationWebsitesAndApps
        "Facebook": ("Facebook", "Facebook"),
        "Instagram": ("Instagram", "Instagram"),
        "WhatsApp": ("WhatsApp", "WhatsApp"),
        "Telegram": ("Telegram", "Telegram"),
        "FacebookMessenger": ("Facebook Messenger", "Facebook Messenger"),
        "Viber": ("Viber", "Viber"),
        "SnapChat": ("Snapchat", "Snapchat"),
        "Line": ("LINE", "LINE"),
        "4Sale": ("4Sale", "4Sale"),
        "WeChat": ("WeChat", "WeChat"),
        "QQ": ("QQ", "QQ"),
        "QZone": ("Qzone", "Qzone"),
        "TikTok": ("TikTok", "TikTok"),
        "Twitter": ("Twitter / X", "Twitter / X"),
        "Other": ("Otra", "Other"),
    },
    "recruitment_method": {
        "AtAPlaceOfBusiness": ("En un comercio o negocio", "At a place of business"),
        "AtAnEducationalInstitution": ("En un centro educativo", "At an educational institution"),
        "AtWork": ("En el lugar de trabajo", "At work"),
        "ThroughOnlineSocialNetworks": ("Por redes sociales", "Through online social networks"),
        "ThroughAnOnlineAdvertisement": (
            "Por un anuncio en internet",
            "Through an online advertisement",
        ),
        "ThroughATelevisionAdvert": (
            "Por un anuncio de televisión",
            "Through a television advertisement",
        ),
        "ThroughANewspaperAdvert": (
            "Por un anuncio en el periódico",
            "Through a newspaper advertisement",
        ),
        "ThroughFamilyOrFamilyEvents": (
            "Por la familia o en reuniones familiares",
            "Through family or family events",
        ),
        "ThroughFriendsOrSocialEvents": (
            "Por amistades o en eventos sociales",
            "Through friends or social events",
        ),
        "Other": ("Otro", "Other"),
    },
    "methods_of_control": {
        # HTCDS's definitions name 17 terms, its picklist 16: the definitions' Threats,
        # ThreatOfLawEnforcement, UsesChildren and PsychoactiveSubstances are the picklist's
        # PhysicalThreats, ThreatsLawEnforcement, ThreatensChildrenFamily and PsychoactiveSubstance;
        # RestrictsMovement has no picklist value and is added here (source `enlace`).
        "PhysicalThreats": ("Amenazas de daño", "Threats of harm"),
        "ThreatsLawEnforcement": (
            "Amenazas de denuncia ante las autoridades",
            "Threats of reporting to the authorities",
        ),
        "ThreatensChildrenFamily": (
            "Amenazas o control a través de hijos o familiares",
            "Threats to, or control through, children or family",
        ),
        "DebtBondage": ("Servidumbre por deudas", "Debt bondage"),
        "FalsePromises": ("Engaño o falsas promesas", "Deception or false promises"),
        "PhysicalAbuse": ("Violencia física", "Physical abuse"),
        "SexualAbuse": ("Violencia sexual", "Sexual abuse"),
        "TakesEarnings": ("Apropiación de los ingresos", "Confiscation of earnings"),
        "RestrictsFinancialAccess": (
            "Restricción del acceso al dinero o a cuentas propias",
            "Restricted access to money or own accounts",
        ),
        "RestrictsMedicalCare": (
            "Restricción del acceso a atención médica",
            "Restricted access to medical care",
        ),
        "WithholdsNecessities": (
            "Privación de necesidades básicas",
            "Withholding of basic necessities",
        ),
        "PsychologicalAbuse": ("Violencia psicológica", "Psychological abuse"),
        "PsychoactiveSubstance": (
            "Inducción o suministro de sustancias psicoactivas",
            "Use of psychoactive substances",
        ),
        "ExcessiveWorkingHours": ("Jornadas de trabajo excesivas", "Excessive working hours"),
        "WithholdsDocuments": ("Retención de documentos", "Withholding of documents"),
        "RestrictsMovement": (
            "Restricción de la libertad de movimiento o aislamiento",
            "Restriction of movement or isolation",
        ),
        "Other": ("Otro", "Other"),
    },
    "exploitation_type": {
        "ForcedLabour": ("Trabajo forzoso", "Forced labour"),
        "SexualExploitation": ("Explotación sexual", "Sexual exploitation"),
        "ChildLabour": ("Trabajo infantil", "Child labour"),
        "ForcedMarriage": ("Matrimonio forzado", "Forced marriage"),
        "Servitude": ("Servidumbre", "Servitude"),
        "ForcedMilitaryByNonStateActors": (
            "Reclutamiento forzado por grupos armados no estatales",
            "Forced recruitment by non-state armed groups",
        ),
        "OrganRemoval": ("Extracción de órganos", "Organ removal"),
        "ForcedBegging": ("Mendicidad forzada", "Forced begging"),
        "ForcedAdoption": ("Adopción forzada o ilegal", "Forced or illegal adoption"),
        "Surrogacy": ("Gestación subrogada forzada", "Forced surrogacy"),
        "Other": ("Otra", "Other"),
    },
    "forced_labour_industry": {  # ISIC Rev. 4 sections (CIIU Rev. 4 in the UN's Spanish edition)
        "A_AgricultureForestryAndFishing": (
            "A. Agricultura, ganadería, silvicultura y pesca",
            "A. Agriculture, forestry and fishing",
        ),
        "B_MiningAndQuarrying": ("B. Explotación de minas y canteras", "B. Mining and quarrying"),
        "C_Manufacturing": ("C. Industrias manufactureras", "C. Manufacturing"),
        "D_ElectricityGasSteamAndAirConditioningSupply": (
            "D. Suministro de electricidad, gas, vapor y aire acondicionado",
            "D. Electricity, gas, steam and air conditioning supply",
        ),
        "E_WaterSupplySewerageWasteManagement": (
            "E. Suministro de agua; evacuación de aguas residuales, gestión de desechos y descontaminación",
            "E. Water supply; sewerage, waste management and remediation activities",
        ),
        "F_Construction": ("F. Construcción", "F. Construction"),
        "G_WholesaleAndRetailTradeRepairOfMotorVehicles": (
            "G. Comercio al por mayor y al por menor; reparación de vehículos automotores y motocicletas",
            "G. Wholesale and retail trade; repair of motor vehicles and motorcycles",
        ),
        "H_TransportationAndStorage": (
            "H. Transporte y almacenamiento",
            "H. Transportation and storage",
        ),
        "I_AccommodationAndFoodServiceActivities": (
            "I. Actividades de alojamiento y de servicio de comidas",
            "I. Accommodation and food service activities",
        ),
        "J_InformationAndCommunication": (
            "J. Información y comunicaciones",
            "J. Information and communication",
        ),
        "K_FinancialAndInsuranceActivities": (
            "K. Actividades financieras y de seguros",
            "K. Financial and insurance activities",
        ),
        "L_RealEstateActivities": ("L. Actividades inmobiliarias", "L. Real estate activities"),
        "M_ProfessionalScientificAndTechnicalActivities": (
            "M. Actividades profesionales, científicas y técnicas",
            "M. Professional, scientific and technical activities",
        ),
        "N_AdministrativeAndSupportServiceActivities": (
            "N. Actividades de servicios administrativos y de apoyo",
            "N. Administrative and support service activities",
        ),
        "O_PublicAdministrationAndDefence": (
            "O. Administración pública y defensa; planes de seguridad social de afiliación obligatoria",
            "O. Public administration and defence; compulsory social security",
        ),
        "P_Education": ("P. Enseñanza", "P. Education"),
        "Q_HumanHealthAndSocialWorkActivities": (
            "Q. Actividades de atención de la salud humana y de asistencia social",
            "Q. Human health and social work activities",
        ),
        "R_ArtsEntertainmentAndRecreation": (
            "R. Actividades artísticas, de entretenimiento y recreativas",
            "R. Arts, entertainment and recreation",
        ),
        "S_OtherServiceActivities": (
            "S. Otras actividades de servicios",
            "S. Other service activities",
        ),
        "T_ActivitiesOfHouseholdsAsEmployers": (
            "T. Actividades de los hogares como empleadores; actividades no diferenciadas de los "
            "hogares como productores de bienes y servicios para uso propio",
            "T. Activities of households as employers; undifferentiated goods- and "
            "services-producing activities of households for own use",
        ),
        "U_ActivitiesOfExtraterritorialOrganizations": (
            "U. Actividades de organizaciones y órganos extraterritoriales",
            "U. Activities of extraterritorial organizations and bodies",
        ),
    },
    "sexual_exploitation_type": {
        "Prostitution": ("Explotación de la prostitución ajena", "Exploitation of prostitution"),
        "Pornography": ("Pornografía", "Pornography"),
        "RemoteInteractiveServices": (
            "Servicios sexuales a distancia (cámara web o en línea)",
            "Remote interactive sexual services (webcam or online)",
        ),
        "PrivateSexualServices": ("Servicios sexuales privados", "Private sexual services"),
    },
    "vulnerability": {  # DEPRECATED in HTCDS v2.0; kept for data that still uses it
        "Addiction": ("Adicciones", "Addiction"),
        "SocialGroup": ("Pertenencia a un grupo social", "Membership of a social group"),
        "Discrimination": ("Discriminación", "Discrimination"),
        "Poverty": ("Pobreza", "Poverty"),
        "DisabilityAndPhysicalHealth": (
            "Discapacidad o salud física",
            "Disability or physical health",
        ),
        "MentalHealth": ("Salud mental", "Mental health"),
        "Migration": ("Condición migratoria", "Migration status"),
        "Homelessness": ("Situación de calle", "Homelessness"),
        "AbuseSocialMedia": ("Abuso en redes sociales", "Abuse on social media"),
        "AbusePhysical": ("Abuso físico", "Physical abuse"),
        "Education": ("Bajo nivel educativo", "Limited education"),
        "WorkEnvironment": ("Entorno laboral", "Work environment"),
    },
    "perpetrator_role": {
        "TravellingPartner": ("Acompañante de viaje", "Travelling companion"),
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
        "Abuser": ("Agresor/a", "Abuser"),
        "Kidnapper": ("Secuestrador/a", "Kidnapper"),
        "Exploiter": ("Explotador/a", "Exploiter"),
        "Other": ("Otro", "Other"),
    },
    "case_status": {
        "Active": ("Activo", "Active"),
        "FollowUp": ("En seguimiento", "Follow-up"),
        "Closed": ("Cerrado", "Closed"),
        "ClosedReferred": (
            "Cerrado por referencia a otra institución",
            "Closed (referred elsewhere)",
        ),
    },
    "referral_reason": {  # also the picklist of cas_ReasonForOutgoingReferral
        "AdditionalServicesRequired": (
            "Requiere servicios adicionales",
            "Additional services required",
        ),
        "MigrationOrChangeOfLocation": (
            "Migración o cambio de ubicación",
            "Migration or change of location",
        ),
        "Other": ("Otro", "Other"),
    },
    "historic_event_type": {
        "Recruitment": ("Captación", "Recruitment"),
        "Transit": ("Traslado o tránsito", "Transit"),
        "Exploitation": ("Explotación", "Exploitation"),
    },
    "support_plan_type": {
        "Education": ("Educación", "Education"),
        "Financial": ("Apoyo económico", "Financial support"),
        "Health": ("Salud", "Health"),
        "LabourExploitationRehabilitation": (
            "Recuperación tras explotación laboral",
            "Recovery from labour exploitation",
        ),
        "Legal": ("Asistencia jurídica", "Legal assistance"),
        "Livelihood": ("Medios de vida", "Livelihood"),
        "RightsBasedTraining": ("Formación en derechos", "Rights-based training"),
        "SexualExploitationRehabilitation": (
            "Recuperación tras explotación sexual",
            "Recovery from sexual exploitation",
        ),
        "SocialCare": ("Atención social", "Social care"),
    },
    # ---- Enlace extensions (source `enlace`) ----
    "case_type": {
        "trafficking": ("Trata de personas", "Trafficking in persons"),
        "smuggling": ("Tráfico ilícito de migrantes", "Migrant smuggling"),
        "both": (
            "Trata de personas y tráfico ilícito de migrantes",
            "Both trafficking and smuggling",
        ),
        "undetermined": ("Por determinar", "Undetermined"),
    },
    "person_role": {
        "victim": ("Víctima", "Victim"),
        "smuggled_migrant": ("Migrante objeto de tráfico ilícito", "Smuggled migrant"),
        "suspect": ("Persona sospechosa", "Suspect"),
        "convicted": ("Persona condenada", "Convicted person"),
        "witness": ("Testigo", "Witness"),
        "facilitator": ("Facilitador/a", "Facilitator"),
    },
    "record_status": {
        "draft": ("Borrador", "Draft"),
        "active": ("Activo", "Active"),
        "closed": ("Cerrado", "Closed"),
        "archived": ("Archivado", "Archived"),
    },
    "sex": {
        "M": ("Hombre", "Male"),
        "F": ("Mujer", "Female"),
        "X": ("No especificado o desconocido", "Not specified or unknown"),
    },
    "age_band": {
        "0_11": ("0 a 11 años", "0-11 years"),
        "12_17": ("12 a 17 años", "12-17 years"),
        "18_29": ("18 a 29 años", "18-29 years"),
        "30_49": ("30 a 49 años", "30-49 years"),
        "50_plus": ("50 años o más", "50 years or more"),
        "unknown": ("Edad desconocida", "Unknown"),
    },
    "transport_mode": {
        "road": ("Terrestre (vehículo no especificado)", "Road (vehicle not specified)"),
        "truck_trailer": ("Camión o tráiler", "Truck or trailer"),
        "bus": ("Autobús", "Bus"),
        "car": ("Automóvil", "Car"),
        "boat": ("Embarcación", "Boat or ship"),
        "small_vessel": ("Lancha o embarcación menor", "Small boat"),
        "air": ("Aéreo", "Air"),
        "rail": ("Ferrocarril", "Rail"),
        "on_foot": ("A pie", "On foot"),
        "other": ("Otro", "Other"),
    },
    "concealment_method": {
        "none": ("Sin ocultamiento", "None"),
        "vehicle_compartment": (
            "Compartimento oculto o doble fondo en vehículo",
            "Hidden compartment in a vehicle",
        ),
        "cargo": ("Oculto entre la carga", "Hidden in cargo"),
        "container": ("Contenedor", "Shipping container"),
        "vessel_hold": ("Bodega o compartimento de embarcación", "Hold of a vessel"),
        "posing_as_traveller": (
            "Haciéndose pasar por turista, pasajero o tripulante",
            "Posing as a tourist, passenger or crew member",
        ),
        "false_identity": ("Identidad falsa", "False identity"),
        "other": ("Otro", "Other"),
    },
    "crossing_type": {
        "official_port": ("Puesto fronterizo oficial", "Official port of entry"),
        "irregular_crossing": ("Cruce irregular (punto ciego)", "Irregular crossing (blind spot)"),
    },
    "detecting_authority": {
        "migration": ("Autoridad migratoria", "Migration authority"),
        "police": ("Policía", "Police"),
        "border_police": ("Policía de fronteras", "Border police"),
        "customs": ("Aduanas", "Customs"),
        "military": ("Fuerzas armadas", "Armed forces"),
        "coast_guard": ("Guardacostas o fuerza naval", "Coast guard or navy"),
        "prosecution": ("Fiscalía o Ministerio Público", "Prosecution service"),
        "labour_inspection": ("Inspección de trabajo", "Labour inspection"),
        "child_protection": ("Institución de protección de la niñez", "Child protection agency"),
        "other": ("Otra", "Other"),
    },
    "payment_method": {
        "cash": ("Efectivo", "Cash"),
        "bank_transfer": ("Transferencia bancaria", "Bank transfer"),
        "money_transfer": ("Envío de dinero por remesadora", "Money transfer service"),
        "hawala": ("Hawala", "Hawala"),
        "crypto": ("Criptomonedas", "Cryptocurrency"),
        "in_kind": ("En especie", "In kind"),
        "debt": ("Deuda contraída", "Debt taken on"),
    },
    "fee_payer": {
        "migrant": ("La persona migrante", "The migrant"),
        "family": ("Familiares (en origen o en destino)", "Family (at origin or destination)"),
        "employer": ("Empleador/a", "Employer"),
        "other": ("Otro", "Other"),
    },
    "document_type": {
        "passport": ("Pasaporte", "Passport"),
        "national_id": ("Documento nacional de identidad (cédula)", "National identity card"),
        "visa": ("Visa", "Visa"),
        "residence_permit": ("Permiso de residencia", "Residence permit"),
        "birth_certificate": ("Acta o partida de nacimiento", "Birth certificate"),
        "travel_document": ("Documento de viaje", "Travel document"),
        "other": ("Otro", "Other"),
    },
    "document_nature": {
        "genuine": ("Auténtico", "Genuine"),
        "counterfeit": ("Falso (falsificación total)", "Counterfeit"),
        "forged": ("Alterado (falsificación parcial)", "Forged (altered)"),
        "fraudulently_obtained": ("Obtenido fraudulentamente", "Fraudulently obtained"),
        "impostor": (
            "Impostor (documento auténtico de otra persona)",
            "Impostor (genuine document of another person)",
        ),
        "stolen_blank": ("Documento en blanco robado", "Stolen blank document"),
        "none": ("Sin documento", "No document"),
    },
    "modus_operandi_tag": {
        "false_job_offer": ("Oferta de empleo falsa", "False job offer"),
        "romance": ("Enamoramiento (método «lover boy»)", 'Romance ("lover boy" method)'),
        "debt": ("Endeudamiento inducido", "Induced debt"),
        "document_retention": ("Retención de documentos", "Document retention"),
        "social_media": ("Uso de redes sociales", "Use of social media"),
        "corrupt_officials": ("Corrupción de funcionarios", "Corrupt officials"),
        "safe_houses": ("Casas de seguridad", "Safe houses"),
        "blind_spots": ("Cruce por puntos ciegos", "Crossing through blind spots"),
        "vehicle_concealment": ("Ocultamiento en vehículos", "Concealment in vehicles"),
        "fake_tourism": ("Simulación de viaje turístico", "Fake tourism"),
        "marriage": ("Matrimonio forzado, servil o simulado", "Forced, servile or sham marriage"),
        "family_involvement": ("Participación de familiares", "Involvement of relatives"),
        "false_documents": ("Uso de documentos falsos", "Use of false documents"),
        "kidnapping": ("Secuestro", "Kidnapping"),
        "drug_coercion": ("Sometimiento mediante drogas", "Control through drugs"),
        "guide_coyote": ("Guía o «coyote» para el cruce", 'Guide ("coyote") for the crossing'),
        "package_deal": (
            "Paquete pagado con varios intentos de cruce",
            "Package deal with several crossing attempts",
        ),
    },
    "justice_stage": {
        "investigation": ("Investigación", "Investigation"),
        "arrest": ("Detención", "Arrest"),
        "charges": ("Imputación o acusación formal", "Charges"),
        "prosecution": ("Juicio", "Prosecution (trial)"),
        "conviction": ("Sentencia condenatoria", "Conviction"),
        "acquittal": ("Sentencia absolutoria", "Acquittal"),
        "sentence": ("Imposición de la pena", "Sentencing"),
    },
    "assistance_type": {
        "shelter": ("Albergue", "Shelter"),
        "repatriation": ("Repatriación", "Repatriation"),
        "reintegration": ("Reinserción", "Reintegration"),
        "referral": ("Referencia a otros servicios", "Referral to other services"),
        "medical": ("Atención médica", "Medical care"),
        "legal": ("Asistencia jurídica", "Legal aid"),
        "psychological": ("Atención psicológica", "Psychological support"),
        "consular": ("Asistencia consular", "Consular assistance"),
    },
    "migration_status": {  # HTCDS guidance "Migration and International Protection" (no codes there)
        "family": ("Migrante por motivos familiares", "Family migrant"),
        "visitor": ("Visitante o turista", "Visitor or tourist"),
        "labour": ("Trabajador/a migrante", "Labour migrant"),
        "student": ("Estudiante", "Student migrant"),
        "irregular": ("Migrante en situación irregular", "Migrant in an irregular situation"),
        "asylum_seeker": ("Solicitante de asilo o refugio", "Asylum seeker"),
        "refugee": ("Persona refugiada", "Refugee"),
        "complementary_protection": (
            "Beneficiario/a de protección complementaria",
            "Recipient of complementary protection",
        ),
        "stateless": ("Persona apátrida", "Stateless person"),
        "environmental": ("Migrante por causas ambientales", "Environmental migrant"),
        "vulnerable": ("Migrante en situación de vulnerabilidad", "Vulnerable migrant"),
        "stranded": ("Migrante varado/a", "Stranded migrant"),
        "forced": ("Migrante forzado/a", "Forced migrant"),
        "deportee": ("Persona deportada", "Deportee"),
        "returnee": ("Persona retornada", "Returnee"),
        "ex_combatant": ("Excombatiente", "Ex-combatant"),
        "idp": ("Persona desplazada internamente", "Internally displaced person"),
        "separated_child": ("Niña, niño o adolescente separado", "Separated child"),
        "unaccompanied_child": ("Niña, niño o adolescente no acompañado", "Unaccompanied child"),
    },
    "handling_code": {  # the Spanish follows the UI's translation of access.HandlingCode
        "H0": (
            "H0: solo para uso de las autoridades de aplicación de la ley",
            "H0: law-enforcement use only",
        ),
        "H1": (
            "H1: no utilizar en procesos judiciales sin el consentimiento del país propietario",
            "H1: not for judicial proceedings without the owner's consent",
        ),
        "H2": (
            "H2: no transmitir a terceros sin el consentimiento del país propietario",
            "H2: not to third parties without the owner's consent",
        ),
    },
    "audience": {  # as access.Audience and its translation
        "national": ("Nacional (solo el país propietario)", "National (owner country only)"),
        "selected": ("Estados miembros seleccionados", "Selected member states"),
        "network": ("Red (todos los Estados miembros)", "Network (all member states)"),
        "partners": (
            "Socios (Red, Secretaría Técnica y observadores)",
            "Partners (network, Technical Secretariat and observers)",
        ),
    },
    "organization_kind": {
        "national_office": (
            "Oficina nacional de un Estado miembro",
            "National office of a member state",
        ),
        "secretariat": ("Secretaría Técnica", "Technical Secretariat"),
        "observer": ("Organización observadora", "Observer organization"),
        "civil_society": ("Sociedad civil", "Civil society"),
        "other": ("Otra", "Other"),
    },
    "meeting_body": {
        "network": ("Red de Funcionarios de Enlace", "Liaison Officers Network"),
        "grcm": (
            "Grupo Regional de Consulta sobre Migración (GRCM)",
            "Regional Consultation Group on Migration (GRCM)",
        ),
        "viceministerial": ("Reunión Viceministerial", "Vice-ministerial meeting"),
        "workshop": ("Taller o seminario", "Workshop or seminar"),
        "other": ("Otro", "Other"),
    },
    "schedule_state": {  # the terms of the CRM Work Plan
        "ongoing": ("Continuo", "Ongoing"),
        "pending": ("Pendiente", "Pending"),
        "to_be_defined": ("Por definir", "To be defined"),
        "due_date": ("Con fecha límite", "Due date"),
        "done": ("Cumplido (pasa al histórico)", "Done (moves to history)"),
    },
}


def htcds_picklists(path: Path) -> dict[str, list[str]]:
    with path.open(encoding="utf-8") as handle:
        return {
            row["field_name"]: [value.strip() for value in row["picklist_values"].split("|")]
            for row in csv.DictReader(handle)
            if row["picklist_values"] and not row["picklist_values"].startswith("[")
        }


def main() -> None:
    picklists = htcds_picklists(Path(sys.argv[1]) if len(sys.argv) > 1 else HTCDS_FIELDS)
    rows = []
    for vocabulary, labels in L.items():
        field = HTCDS_SOURCES.get(vocabulary)
        htcds_codes = set(picklists[field]) if field else set()
        if field:
            expected = htcds_codes | ADDED_TO_HTCDS.get(vocabulary, set())
            if set(labels) != expected:
                raise SystemExit(
                    f"{vocabulary}: labels differ from HTCDS {field}: "
                    f"{sorted(set(labels) ^ expected)}"
                )
        for order, (code, (label_es, label_en)) in enumerate(labels.items(), start=1):
            rows.append(
                [
                    vocabulary,
                    code,
                    label_es,
                    label_en,
                    "htcds" if code in htcds_codes else "enlace",
                    order,
                    PARENTS.get(vocabulary, ""),
                ]
            )
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["vocabulary", "code", "label_es", "label_en", "source", "sort_order", "parent_code"]
        )
        writer.writerows(rows)
    print(f"{len(rows)} terms in {len(L)} vocabularies written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
