"""Name pools for the screening benchmark, most frequent first (weights follow the rank).

Hispanic names as the region writes them (Mexico, Central America, the Dominican Republic,
with Cuban, Venezuelan and Colombian migrants), including K'iche' and Q'eqchi' surnames of
Guatemala, compound surnames with particles and given names with them ("del Carmen"); then
names of extra-regional travellers: English, Haitian/French, Chinese (pinyin), Indian, African
and Arabic transliterations. Spelling variants that sound alike (Vásquez/Vázquez, Jimena/Ximena,
Yesenia/Jesenia) are kept on purpose: real lists have them, and they make the test harder.
"""

from __future__ import annotations


def _names(text: str) -> list[str]:
    """The names of a pool written one after the other (a hyphen joins a compound name)."""
    return text.split()


HISPANIC_MALE = _names("""
José Juan Luis Carlos Jorge Miguel Francisco Jesús Antonio Pedro Manuel Alejandro Roberto
Ricardo Fernando Javier Rafael Mario Eduardo Daniel Víctor Sergio Óscar Raúl Héctor Arturo
Alberto Enrique Martín Guillermo Ramón Andrés Pablo Gerardo Rubén Hugo Julio Alfredo Jaime
Gabriel Ernesto Salvador David Diego Ángel Armando Rodolfo Gustavo Alfonso Adrián Ignacio
Felipe Santiago Cristian Kevin Brayan Wilmer Edwin Nelson Marvin Melvin Elmer Walter Henry
Erick Jonathan Bryan Josué Moisés Abraham Isaac Samuel Emmanuel Ismael Israel Efraín Saúl Joel
Noé Omar Orlando Rigoberto Gilberto Humberto Heriberto Norberto Adalberto Leonel Lorenzo Vicente
Gonzalo Rodrigo Marco Mauricio Fabián Iván Esteban Tomás Agustín Sebastián Matías Nicolás
Benjamín Emilio Julián Marcos Lucas Mateo Leonardo Alexander Anthony Axel Jefferson Yordi Darwin
Wilson Franklin Elvis Byron Selvin Cristóbal Federico Gregorio Ezequiel Teodoro Lázaro Inocente
Anastasio Eusebio Isidro Jacinto Juventino Macario Maximino Porfirio Reynaldo Rolando Román
Rosendo Santos Silvestre Valentín Wilfredo Yovani Eliseo Eleazar Baltazar Celestino Cipriano
Crisanto Dagoberto Domingo Efrén Eladio Epifanio Fausto Florencio Gumercindo Hilario Leopoldo
Marcelino Melquiades Nazario Onésimo Pascual Refugio Tiburcio Ubaldo Zacarías Ramiro Abel Adán
Elías Aarón Edgar Edgardo Alexis Jairo Yonatan Jhonatan Wílmer Deyvi Keneth Erwin Osmin Nery
Aníbal Amílcar Otoniel Estuardo Obed Gerson Misael Eber Elder Josías Exequiel
""")

HISPANIC_FEMALE = _names("""
María Ana Rosa Guadalupe Carmen Juana Margarita Patricia Elizabeth Leticia Gabriela Verónica
Laura Martha Silvia Alejandra Claudia Adriana Sandra Mónica Teresa Yolanda Sofía Isabel Lucía
Daniela Fernanda Valeria Camila Andrea Paola Karla Diana Carolina Lorena Blanca Gloria Esperanza
Dolores Rocío Araceli Beatriz Cecilia Elena Victoria Alicia Julia Irma Norma Olga Estela Marisol
Maribel Lourdes Susana Wendy Jennifer Yesenia Karina Evelyn Heidy Glenda Ingrid Lesly Dayana
Nataly Kimberly Yulissa Yessica Jessica Brenda Sonia Miriam Marta Marina Josefina Concepción
Consuelo Soledad Rosario Mercedes Pilar Amparo Socorro Luz Esther Ruth Sara Raquel Rebeca Noemí
Abigail Débora Eunice Flor Iris Jazmín Lidia Luisa Magdalena Micaela Natalia Nancy Olivia Paula
Regina Reyna Rosalía Rubí Samanta Tania Ximena Yadira Zoila Aurora Graciela Alba Amalia Angélica
Antonia Berta Catalina Cristina Delia Edith Elsa Emilia Ernestina Eva Fabiola Francisca Hilda
Inés Irene Jimena Juliana Leonor Lilian Marcela Mariana Matilde Mayra Mirna Nidia Nora Perla
Ramona Rosalba Vilma Xiomara Yamileth Yaneth Zulema Griselda Fátima Ofelia Aida Alma Carla Celia
Dora Gladys Hortensia Ivonne Jacqueline Lucero Jesenia Dulce Esmeralda Marlene Maritza Sulma
Yanira Dinora Ericka Nohemí Sindy Keyla Arely Jackeline Dania Yosselin Merlin Odalys Yahaira
Yokasta Altagracia Mildred Damaris Maricela
""")

# Second given names with a particle, as Mexico and Central America write them.
PARTICLE_GIVEN_FEMALE = [
    "del Carmen",
    "de los Ángeles",
    "de Jesús",
    "de la Luz",
    "del Rosario",
    "de Lourdes",
    "del Pilar",
    "de la Paz",
]
PARTICLE_GIVEN_MALE = ["de Jesús", "de la Cruz", "del Carmen"]

HISPANIC_SURNAMES = _names("""
Hernández García Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz Flores Gómez Morales
Vásquez Reyes Jiménez Torres Díaz Gutiérrez Ruiz Mendoza Aguilar Ortiz Moreno Castillo Romero
Álvarez Méndez Chávez Rivera Juárez Ramos Domínguez Herrera Medina Castro Vargas Guzmán Velásquez
Muñoz Rojas Salazar Contreras Luna Ortega Santiago Guerrero Estrada Bautista Cortés Soto
Alvarado Espinoza Lara Ávila Ríos Cervantes Silva Delgado Vega Márquez Sandoval Fernández León
Carrillo Mejía Solís Núñez Rosales Valdez Ibarra Campos Maldonado Navarro Acosta Robles Cabrera
Molina Rangel Fuentes Padilla Orellana Escobar Portillo Zelaya Paz Pineda Alfaro Argueta Osorio
Ayala Rivas Cardona Quintanilla Menjívar Lemus Barrera Cerna Interiano Chinchilla Fajardo
Galdámez Hidalgo Villalobos Zúñiga Solano Quesada Araya Arias Mora Brenes Calderón Chaves Monge
Murillo Vindas Ulate Umaña Sequeira Blandón Lacayo Zeledón Gaitán Obando Baltodano Montenegro
Urbina Pichardo Almonte Tavárez Peralta Encarnación Batista Báez Polanco Féliz Matos Jáquez
Ureña Castellanos Ulloa Villanueva Zamora Arévalo Barrios Benítez Bermúdez Cáceres Carmona
Carranza Cisneros Córdova Corona Cuevas Duarte Durán Escobedo Esquivel Figueroa Franco Galindo
Gallegos Gálvez Garza Godoy Granados Guevara Heredia Huerta Iglesias Jaramillo Lozano Lugo
Macías Madrigal Marín Mata Meza Miranda Montes Montoya Muñiz Nava Olvera Orozco Pacheco Palacios
Páez Paredes Pizarro Ponce Quiroz Rosas Salas Salinas Santana Serrano Sierra Solórzano Suárez
Tapia Toledo Trejo Valencia Valenzuela Vallejo Varela Vázquez Velázquez Villa Villegas Zapata
Zavala Acevedo Aguirre Alonso Amaya Andrade Arana Arellano Arroyo Avilés Bañuelos Becerra
Beltrán Bonilla Bravo Bustamante Caballero Camacho Cano Carrasco Casillas Castañeda Cazares
Cordero Coronado Dávila Enríquez Escamilla Esparza Farías Félix Gallardo Gamboa Garrido Gil
Girón Hurtado Jurado Leal Ledesma Limón Loera Lucero Magaña Manzano Mares Martín Mojica Monroy
Montero Moya Mota Nieto Ocampo Ochoa Olivares Olmos Oropeza Pantoja Parra Patiño Peña Pereira
Prado Quintero Quiñónez Rentería Reyna Rico Rincón Roque Saavedra Sáenz Sosa Tello Téllez Tovar
Trujillo Uribe Valle Vera Villarreal Yáñez Zárate Chacón Alarcón Aparicio Ardón Canales Coto
Dubón Ferrera Lanza Matamoros Mazariegos Najarro Oliva Orantes Recinos Sical Tzul Cux Chuc Pop
Caal Choc Xol Coc Tut Ajú Batz Tum Yax Xicará Cojtí Chiquín Tecún Ixcot Quiej Coyoy Sis Ical
Benavides Bolaños Carvajal Ceballos Cifuentes Collado Colón Correa Cortez Cuéllar Escalante
Espinal Fonseca Galeano Granda Guardado Guillén Jovel Lainez Landaverde Linares Lobo Melgar
Mercado Merino Mondragón Morán Moreira Noguera Ordóñez Ovalle Palma Pastrana Perdomo
Posada Quijada Quintana Rivero Rubio Ruano Samayoa Santos Segovia Tejada Tobar Tórrez
Urrutia Vallecillo Vanegas Ventura Zepeda Zambrano Abarca Aceituno Arteaga Berríos Bojórquez
Borja Castellón Centeno Cienfuegos Cubías Deras Erazo Estévez Funes Gamero Herrarte
Hércules Jirón Lagos Leiva Lezama Loaiza Maradiaga Midence Munguía Navas Oseguera Pavón Ponciano
Raudales Reina Sabillón Sorto Suazo Turcios Valladares
""")

# Compound surnames (one surname each), placed among the common ones by their weight.
COMPOUND_SURNAMES = [
    "De la Cruz",
    "De León",
    "Del Valle",
    "De los Santos",
    "De Jesús",
    "San Martín",
    "Del Cid",
    "De Paz",
    "De la Rosa",
    "Pérez de León",
    "De la O",
    "Ortega y Gasset",
    "De Armas",
    "Del Río",
    "Santa Cruz",
]

ENGLISH_MALE = _names("""
James John Robert Michael William David Richard Joseph Thomas Charles Christopher
Daniel Matthew Anthony Mark Steven Paul Andrew Joshua Kevin Brian George Edward Ronald Timothy
Jason Jeffrey Ryan Jacob Gary Nicholas Eric Stephen Jonathan Larry Justin Scott Brandon Benjamin
Samuel Gregory Patrick Frank Raymond Jack Dennis Jerry Tyler Aaron Henry Douglas Peter Adam
Nathan Zachary Walter Kyle Harold Carl Jeremy Keith Roger Gerald Ethan Arthur Terry Christian
Sean Lawrence Austin Joe Noah Jesse Albert Bryan Billy Bruce Willie Jordan Dylan Alan Ralph Gabriel
Roy Wayne Eugene Logan Randy Louis Russell Vincent Philip Bobby Johnny Bradley""")
ENGLISH_FEMALE = _names("""
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty
Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah
Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela
Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather
Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan
Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice
Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle Theresa Sophia
Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla
""")
ENGLISH_SURNAMES = _names("""
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore
Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott
Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards
Collins Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Bailey Reed Kelly Howard Cox Ward
Richardson Watson Brooks Wood James Bennett Gray Hughes Price Myers Long Foster Sanders Ross O'Brien
McDonald Gordon Palmer Fisher Henderson Coleman Simmons Patterson Jordan Reynolds Hamilton Graham
Wallace Cole West Stone Hunt Black Marshall Ellis Harrison Gibson McCarthy Murray Ford Wells
O'Connor Kennedy Burke Doyle Flynn Jenkins Perry Powell Russell Sullivan Butler Barnes
Fletcher Hayes Dunn Bryant Alexander Lawrence Cunningham Knight Riley Carroll""")

HAITIAN_MALE = _names("""
Jean Pierre Jacques Joseph Marc Louis Michel Jean-Baptiste Jean-Pierre Jean-Claude Frantz Wilner
Emmanuel Fritz Gérard Yves Patrick Reginald Junior Ronald Evens Kervens Wesner Dieuseul Jocelyn
Roodly Stevenson Widlin Wilfrid Jameson Ricot Dieudonné Frantzy Mackenson Woodly Schneider
Peterson Lesly Ernst Rony Claudy Jonas Vladimir Guerby
""")
HAITIAN_FEMALE = _names("""
Marie Rose Nadège Guerline Mirlande Fabiola Nathalie Wideline Jeanne Roseline Marie-Claire
Edeline Lovely Fedna Yolette Gina Marie-Ange Jessica Sherline Islande Myrlande Dieunette Nadia
Jacqueline Fabienne Magalie Rosemène Esther Mireille Judith Sophonie Widline
""")
HAITIAN_SURNAMES = _names("""
Joseph Jean Pierre Louis Charles Baptiste Jean-Louis Paul François Étienne Alexis Michel
Augustin Desir Noël Dorsainvil Lafortune Toussaint Dessalines Bien-Aimé Saint-Louis Fils-Aimé
Jean-Baptiste Laguerre Célestin Exantus Prévilon Dorvil Métellus Cadet Antoine Hyppolite Delva
Estimé Mondésir Pierre-Louis Jeune Guerrier Clervil Lamour Jean-Charles Saint-Fleur Sylvain
Duverger Altidor Casséus Elysée Pierre-Paul Saintil Thélusma Vilmé
""")

CHINESE_GIVEN_MALE = _names("""
Wei Qiang Lei Jun Yang Yong Jie Tao Ming Chao Hui Gang Jianhua Xin Bo Yu Hao Peng Bin Jian Long
Feng Hai Zhiwei Xiaoming Jianguo Dong Kai Liang Zhiqiang
""")
CHINESE_GIVEN_FEMALE = _names("""
Fang Na Min Jing Li Yan Xiuying Hua Ping Guiying Haiyan Lin Hong Juan Ying Xia Mei Lan Yun
Xiaohong Lihua Yuxin Qian Ting Xue Rui Yue Shu Zhen Wen
""")
CHINESE_SURNAMES = _names("""
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang
Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei
Su Lu Ding Ren Shen
""")

INDIAN_MALE = _names("""
Rahul Amit Rajesh Suresh Ramesh Vijay Sanjay Anil Sunil Arjun Ravi Deepak Manoj Gurpreet
Harpreet Mohit Rohit Sandeep Ajay Vikram Prakash Ashok Naveen Karan Imran Ankit Sachin Nitin
Harish Dinesh
""")
INDIAN_FEMALE = _names("""
Priya Sunita Anita Pooja Neha Kavita Lakshmi Meena Rekha Deepika Anjali Divya Shweta Nisha Ritu
Sneha Manpreet Jaspreet Asha Geeta Swati Komal Shalini Preeti Aarti
""")
INDIAN_SURNAMES = _names("""
Kumar Singh Sharma Patel Gupta Shah Reddy Rao Yadav Das Mehta Jain Verma Mishra Chaudhary Nair
Iyer Pillai Khan Thakur Joshi Malhotra Kapoor Bhatt Pandey Tiwari Agarwal Sinha Saxena Menon
Chopra Banerjee Mukherjee Ghosh Bose Desai Kaur Gill Sandhu Dhillon
""")

AFRICAN_MALE = _names("""
Chinedu Emeka Oluwaseun Tunde Ibrahima Mamadou Moussa Ousmane Kwame Kofi Yaw Tesfaye Dawit
Samuel Yonas Mulugeta Bienvenu Jean-Paul Patrice Cheikh Abdoulaye Babacar Seydou Chukwuemeka
Obinna Ifeanyi Adebayo Olumide Kwabena Yohannes Habte Mesfin Merhawi Filmon Tedros Didier Alain
Serge Blaise Eric
""")
AFRICAN_FEMALE = _names("""
Amina Fatou Aminata Ngozi Chiamaka Adaeze Abena Akosua Tigist Meron Hiwot Mariama Awa Aissatou
Chioma Funmilayo Yetunde Efua Ama Selam Helen Senait Saba Rahel Grace Blessing Esther Mercy
Joséphine Clarisse
""")
AFRICAN_SURNAMES = _names("""
Okafor Okonkwo Adeyemi Oyelaran Eze Nwosu Diallo Ndiaye Diop Fall Sow Ba Camara Traoré Keita
Mensah Owusu Boateng Asante Tesfaye Haile Gebremedhin Tekle Abebe Nkosi Kabila Mukendi Ilunga
Tshibangu Okoro Obi Nwachukwu Balogun Adewale Coulibaly Konaté Sylla Touré Cissé Mbaye Ngom
Agyeman Osei Appiah Gebreyesus Berhe Kidane Woldemariam Mengistu Tadesse
""")

ARABIC_MALE = _names("""
Mohamed Mohammed Ahmed Ali Omar Hassan Hussein Mahmoud Mustafa Youssef Ibrahim Khalid Abdullah
Said Karim Tariq Samir Nabil Walid Hamza Bilal Yasser Adel Fadi Rami Ziad Majid Sami Anas Osama
""")
ARABIC_FEMALE = _names("""
Fatima Aisha Mariam Zainab Khadija Noor Layla Amal Huda Salma Yasmin Rania Hana Leila Dina
Samira Nadia Lina Rasha Sara Maha Reem Jamila Mona Hiba
""")
ARABIC_SURNAMES = _names("""
Al-Hassan Hassan Ahmed Ali Mahmoud Ibrahim Abdullah Al-Sayed El-Masri Haddad
Khalil Nasser Saleh Mansour Hamdan Aziz Farah Yousef Osman Al-Amin El-Amin Abdel-Aziz Abu-Bakr
Al-Najjar Darwish Jaber Qasim Suleiman Hamid Rahman Al-Rashid Bakri Halabi Issa Zaki Sabbagh
Al-Khatib Shami Habib Kassem Ayoub Masri Attar""")

# origin → (male given, female given, surnames, share of identities, two surnames?,
#           share with two given names, nationalities with weights)
ORIGINS = {
    "hispanic": (
        HISPANIC_MALE,
        HISPANIC_FEMALE,
        HISPANIC_SURNAMES,
        0.78,
        True,
        0.42,
        {
            "MX": 24,
            "GT": 18,
            "HN": 16,
            "SV": 12,
            "NI": 5,
            "CR": 3,
            "PA": 2,
            "DO": 6,
            "CU": 5,
            "VE": 5,
            "CO": 3,
            "EC": 1,
        },
    ),
    "english": (
        ENGLISH_MALE,
        ENGLISH_FEMALE,
        ENGLISH_SURNAMES,
        0.07,
        False,
        0.3,
        {"US": 60, "BZ": 15, "CA": 12, "JM": 8, "GB": 5},
    ),
    "haitian": (
        HAITIAN_MALE,
        HAITIAN_FEMALE,
        HAITIAN_SURNAMES,
        0.05,
        False,
        0.2,
        {"HT": 90, "FR": 5, "CA": 5},
    ),
    "chinese": (
        CHINESE_GIVEN_MALE,
        CHINESE_GIVEN_FEMALE,
        CHINESE_SURNAMES,
        0.03,
        False,
        0.0,
        {"CN": 95, "TW": 5},
    ),
    "indian": (
        INDIAN_MALE,
        INDIAN_FEMALE,
        INDIAN_SURNAMES,
        0.03,
        False,
        0.1,
        {"IN": 85, "NP": 8, "BD": 7},
    ),
    "african": (
        AFRICAN_MALE,
        AFRICAN_FEMALE,
        AFRICAN_SURNAMES,
        0.025,
        False,
        0.15,
        {"NG": 25, "GH": 12, "SN": 12, "CM": 12, "ER": 15, "ET": 10, "CD": 8, "GN": 6},
    ),
    "arabic": (
        ARABIC_MALE,
        ARABIC_FEMALE,
        ARABIC_SURNAMES,
        0.015,
        False,
        0.25,
        {"SY": 20, "EG": 20, "MA": 15, "LB": 10, "IQ": 10, "SD": 10, "YE": 10, "JO": 5},
    ),
}
