-- A pressflow.db made by the version before the store became the data boundary (commit
-- 89a05fc, migrations 0001..0008): `pressflow run` of that commit over three demo sources
-- (WeGO, WeGO English, Shiraz Municipality), then an editor approved story 1 and edited the
-- French article's translation, then `pressflow publish`; translation_cache emptied to keep
-- the file small, then `sqlite3 pressflow.db .dump`. feed_0008_previous.json holds the
-- feed.json items that commit published from it (timestamps removed).
BEGIN TRANSACTION;
CREATE TABLE "_migrations" (
   "name" TEXT PRIMARY KEY,
   "applied_at" TEXT
);
INSERT INTO "_migrations" VALUES('0001_core','2026-11-30T13:52:32+00:00');
INSERT INTO "_migrations" VALUES('0006_language_paragraphs','2026-11-30T13:52:32+00:00');
INSERT INTO "_migrations" VALUES('0007_stories_index','2026-11-30T13:52:32+00:00');
INSERT INTO "_migrations" VALUES('0008_translate_glossary_state','2026-11-30T13:52:32+00:00');
CREATE TABLE "articles" (
   "id" TEXT PRIMARY KEY,
   "source" TEXT,
   "url" TEXT,
   "canonical_url" TEXT,
   "guid" TEXT,
   "title" TEXT,
   "summary" TEXT,
   "text" TEXT,
   "published" TEXT,
   "date_missing" INTEGER,
   "lang" TEXT,
   "lang_hint" TEXT,
   "lang_confidence" REAL,
   "content_hash" TEXT,
   "first_seen" TEXT,
   "updated_at" TEXT,
   "run_id" INTEGER
, "lang_paragraphs" TEXT);
INSERT INTO "articles" VALUES('30ea29f1418aefdb8c13','WeGO','https://we-gov.org/fr/wego-discusses-collaboration-opportunities-with-seoul-ambassadors-spouses-association/','https://we-gov.org/fr/wego-discusses-collaboration-opportunities-with-seoul-ambassadors-spouses-association','https://we-gov.org/?p=38512','WeGO discute des opportunités de collaboration avec l''Association des conjoints d''ambassadeurs de Séoul','Séoul, le 12 juillet 2024 - Le 11 juillet, WeGO a accueilli deux représentants de l''Association des conjoints des ambassadeurs de Séoul (ASAS) au bureau de WeGO, Natalia Federighi, présidente d''ASAS et Chaba Rhuwanya Mavura, vice-président d''ASAS.

Les représentants d''ASAS ont exprimé un vif intérêt pour les programmes de WeGO et la manière dont WeGO travaille avec ses membres et partenaires du monde entier. Les deux organisations ont souligné l’importance de se concentrer sur les groupes socialement négligés dans le cadre du développement des villes intelligentes. WeGO et ASAS ont exploré des domaines potentiels de coopération, en particulier dans l''autonomisation des femmes et les approches inclusives dans les solutions de ville intelligente. ASAS a montré un intérêt particulier pour le programme des champions des villes intelligentes et durables de WeGO et pour l''initiative du prix Séoul Smart City, qui seront partagés au sein de son réseau pour une coopération plus approfondie.','Séoul, le 12 juillet 2024 - Le 11 juillet, WeGO a accueilli deux représentants de l''Association des conjoints des ambassadeurs de Séoul (ASAS) au bureau de WeGO, Natalia Federighi, présidente d''ASAS et Chaba Rhuwanya Mavura, vice-président d''ASAS.

Les représentants d''ASAS ont exprimé un vif intérêt pour les programmes de WeGO et la manière dont WeGO travaille avec ses membres et partenaires du monde entier. Les deux organisations ont souligné l’importance de se concentrer sur les groupes socialement négligés dans le cadre du développement des villes intelligentes. WeGO et ASAS ont exploré des domaines potentiels de coopération, en particulier dans l''autonomisation des femmes et les approches inclusives dans les solutions de ville intelligente. ASAS a montré un intérêt particulier pour le programme des champions des villes intelligentes et durables de WeGO et pour l''initiative du prix Séoul Smart City, qui seront partagés au sein de son réseau pour une coopération plus approfondie.

L''Association des conjoints des ambassadeurs de Séoul (ASAS) est composée des conjoints des ambassadeurs en poste à Séoul. L''association s''engage dans diverses activités caritatives et culturelles en Corée, notamment la collecte de fonds pour les écoles pour handicapés et aveugles, l''organisation de bazars caritatifs et l''organisation de sorties éducatives. Les membres de l''ASAS participent également à des activités bénévoles telles que des initiatives liées à la santé, des dons de talents via des expositions d''art et la fourniture de services d''interprétation aux patients internationaux. Ils se réunissent régulièrement pour planifier et discuter d''activités qui ont un impact positif sur la communauté locale.

Cette réunion marque une étape importante dans les efforts continus de WeGO pour favoriser les partenariats mondiaux et faire progresser sa mission de création d''environnements urbains intelligents, inclusifs et durables. WeGO attend avec impatience les résultats potentiels de cet engagement et la possibilité d''une collaboration plus approfondie avec ASAS pour améliorer les initiatives de villes intelligentes à l''échelle mondiale.

À propos de WeGO

L''Organisation mondiale des villes intelligentes et durables (WeGO) est une association internationale composée de gouvernements locaux, de fournisseurs de solutions technologiques intelligentes et d''institutions engagées dans la transformation des villes en villes intelligentes et durables en facilitant les partenariats public-privé (PPP). WeGO a été fondée par 50 villes membres en 2010 en tant qu''Organisation mondiale des gouvernements électroniques, d''où notre acronyme. En réponse au concept évolutif des villes intelligentes, WeGO a élargi sa vision et son mandat lors de la 7e Assemblée générale (2017) et son nom en tant qu''Organisation mondiale des villes intelligentes et durables. Le secrétariat de WeGO est basé à Séoul, en Corée, et possède des bureaux régionaux en Asie de l''Est (Chengdu, Chine), en Méditerranée (Beyoglu, Turquie), en Afrique (Abuja, Nigeria), au Moyen-Orient et en Afrique du Nord (Abu Dhabi, Émirats arabes unis). , Amérique latine (Cuenca, Équateur) et Asie centrale (Almaty, Kazakhstan). En tant que plateforme leader sur le développement des villes intelligentes, la mission de WeGO est de partager les connaissances et les bonnes pratiques en matière de gouvernance électronique ; renforcer l''efficacité et la transparence administratives ; faire progresser la capacité numérique ; faciliter l''implication civique; réduire la fracture et les inégalités numériques ; et promouvoir la coopération solidaire entre les villes et les gouvernements locaux du monde entier.

WeGO sert à ses membres de plate-forme internationale pour améliorer la qualité de vie, innover dans la prestation de services publics et renforcer la compétitivité régionale.

Contact Presse:

Nom : Kakim Danabaïev

Courriel : kakim@we-gov.org

Téléphone: + 82-70-4202-9169','2024-07-12T00:00:00+00:00',0,'fr','fr',1.0,'16ad8670d8af762ad349cd7a5f8130150c77bbb8c9125d92df0855484e6cee40','2026-11-30T13:52:33+00:00','2026-11-30T13:52:33+00:00',1,'[{"start":0,"end":247,"lang":"fr","confidence":1.0},{"start":249,"end":996,"lang":"fr","confidence":1.0},{"start":998,"end":1716,"lang":"fr","confidence":1.0},{"start":1718,"end":2152,"lang":"fr","confidence":1.0},{"start":2154,"end":2170,"lang":"fr","confidence":0.0},{"start":2172,"end":3679,"lang":"fr","confidence":1.0},{"start":3681,"end":3856,"lang":"fr","confidence":1.0},{"start":3858,"end":3873,"lang":"fr","confidence":0.0},{"start":3875,"end":3896,"lang":"fr","confidence":0.0},{"start":3898,"end":3925,"lang":"fr","confidence":0.0},{"start":3927,"end":3955,"lang":"fr","confidence":0.0}]');
INSERT INTO "articles" VALUES('9bdec4d63fbf53edb71b','WeGO English','file:///tmp/store-fx/pages/wego-asas-en.html','https://we-gov.org/wego-discusses-collaboration-opportunities-with-seoul-ambassadors-spouses-association',NULL,'WeGO Discusses Collaboration Opportunities with the Seoul Ambassadors’ Spouses Association','','Seoul, July 11, 2024 - On July 11, WeGO welcomed two representatives of the Seoul Ambassadors’ Spouses Association (ASAS) to the WeGO office: Natalia Federighi, President of ASAS, and Chaba Rhuwanya Mavura, Vice President of ASAS.
The ASAS representatives expressed keen interest in WeGO’s programs and in the way WeGO works with its members and partners around the world. The two organizations underlined the importance of focusing on socially neglected groups in smart city development. WeGO and ASAS explored potential areas of cooperation, particularly women’s empowerment and inclusive approaches in smart city solutions. ASAS showed particular interest in WeGO’s Smart Sustainable City Champions program and the Seoul Smart City Prize initiative, which will be shared within its network for further cooperation.
The Seoul Ambassadors’ Spouses Association (ASAS) is made up of the spouses of ambassadors posted in Seoul. The association engages in various charitable and cultural activities in Korea, including fundraising for schools for the disabled and the blind, holding charity bazaars and organizing educational outings. ASAS members also take part in volunteer activities such as health-related initiatives, talent donations through art exhibitions and interpretation services for international patients. They meet regularly to plan and discuss activities that have a positive impact on the local community.
This meeting marks an important step in WeGO’s ongoing efforts to foster global partnerships and advance its mission of creating smart, inclusive and sustainable urban environments. WeGO looks forward to the potential outcomes of this engagement and the possibility of deeper collaboration with ASAS to enhance smart city initiatives worldwide.
About WeGO
The World Smart Sustainable Cities Organization (WeGO) is an international association of local governments, smart tech solution providers and institutions committed to transforming cities into smart sustainable cities by facilitating public-private partnerships (PPP). WeGO was founded by 50 member cities in 2010 as the World e-Governments Organization, hence our acronym. In response to the evolving concept of smart cities, WeGO expanded its vision and mandate at the 7th General Assembly (2017), and its name to the World Smart Sustainable Cities Organization. The WeGO Secretariat is based in Seoul, Korea, and has regional offices in East Asia (Chengdu, China), the Mediterranean (Beyoglu, Turkey), Africa (Abuja, Nigeria), the Middle East and North Africa (Abu Dhabi, United Arab Emirates), Latin America (Cuenca, Ecuador) and Central Asia (Almaty, Kazakhstan). As a leading platform on smart city development, WeGO’s mission is to share knowledge and best practices in e-governance; strengthen administrative efficiency and transparency; advance digital capacity; facilitate civic engagement; reduce the digital divide and inequalities; and promote solidarity cooperation among cities and local governments around the world.
WeGO serves its members as an international platform to improve quality of life, innovate public service delivery and strengthen regional competitiveness.
Press Contact:
Name: Kakim Danabaev
Email: kakim@we-gov.org
Phone: +82-70-4202-9169','2024-07-11T07:30:00+00:00',0,'en','en',1.0,'9ec0cb6138a5becf3cba63f57e91f13e5ddb72f006fd054c44de9055e9754160','2026-11-30T13:52:33+00:00','2026-11-30T13:52:33+00:00',1,'[{"start":0,"end":3248,"lang":"en","confidence":1.0}]');
INSERT INTO "articles" VALUES('16c50c2208130cf8d050','Shiraz Municipality','file:///tmp/store-fx/pages/shiraz-mayor-wego.html','https://shiraz.ir/en/news/shiraz-mayor-meets-wego-secretary-general',NULL,'Shiraz Mayor meets WeGO secretary General','','Eskandapour, Shiraz Mayor, discussed issues related to smart sustainable cities online with Kyong-Yul Lee, the Secretary General (SG) of the WeGO. Eskandapour referred to the diplomatic background of WeGO SG and said “your background provides the WeGO with an opportunity to encourage cities to transform to the smart cities and to subsequently improve the quality of life. ”
Eskandapour also added “Shiraz has joined WeGO since 2018. Since then, Shiraz has actively cooperated with this organization in the line of its objectives.”
Eskandapour considered the establishment of regional offices by WeGO a good measure to decentralize the system and share knowledge among member cities. He, then, continued “it has been taken to help cities transfer to smart cities. However, I would like to propose the creation of some thematic groups joining which member cities can share experiences and ideas as well as organize the related specialized events. These thematic groups can trigger more specialized initiatives which focus on detailed and specialized challenges.”
Shiraz Mayor put forth some thematic groups like ICT and Smart City Infrastructures, Smart City and Environment, e-Government and Communication with Citizens.
Eskandapour also appreciated the attempts made by the WeGO under the management of Kyong-Yul Lee to enhance the smart city development.
Kyong-Yul Lee said we will surely consider the proposal put forth the Shiraz mayor. In this line, both parties’ staff will be in touch and discuss the issue to come to a more concrete and practical model.” He, continued “in the forthcoming month, WeGO Executive board meeting and conference will be held. I would like to invite you to participate in conference. I believe it will be inspiring and the city of Shiraz will have access to some good practical ideas.”
The Smart Sustainable Cities Organizations (WeGO) was established in 2010 and 200 cities, organizations and institutes worldwide have joined it since then.',NULL,1,'en','en',0.997,'36f2d9b27328cd1cae901e13d03ef0e43b5fdeb50c083d9bae4ee2c45ab69fb1','2026-11-30T13:52:34+00:00','2026-11-30T13:52:34+00:00',1,'[{"start":0,"end":1977,"lang":"en","confidence":1.0}]');
CREATE TABLE "decisions" (
   "id" INTEGER PRIMARY KEY,
   "story_id" INTEGER,
   "action" TEXT,
   "editor" TEXT,
   "at" TEXT,
   "detail" TEXT
);
INSERT INTO "decisions" VALUES(1,1,'approve','Ana','2026-11-30T13:53:30+00:00','{"previous": "new", "note": "ok"}');
INSERT INTO "decisions" VALUES(2,1,'edit_translation','Ana','2026-11-30T13:53:30+00:00','{"article_id": "30ea29f1418aefdb8c13", "target": "en", "title": "WeGO and ASAS sign an agreement (edited)", "previous_title": "WeGO Converses opportunities of collaboration with the Association of the spouses of ambassadors of Seoul", "previous_status": "ok", "chars": 39, "previous_chars": 3948}');
CREATE TABLE "entities" (
   "id" INTEGER PRIMARY KEY,
   "article_id" TEXT,
   "field" TEXT,
   "text" TEXT,
   "label" TEXT,
   "start" INTEGER,
   "end" INTEGER,
   "canonical" TEXT,
   "entity_id" TEXT,
   "method" TEXT
);
INSERT INTO "entities" VALUES(1,'16c50c2208130cf8d050','title','Shiraz','GPE',0,6,'Shiraz','geonames:115019','gazetteer');
INSERT INTO "entities" VALUES(2,'16c50c2208130cf8d050','title','WeGO','ORG',19,23,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(3,'16c50c2208130cf8d050','text','Eskandapour','PERSON',0,11,'Eskandapour',NULL,'rule');
INSERT INTO "entities" VALUES(4,'16c50c2208130cf8d050','text','Shiraz','GPE',13,19,'Shiraz','geonames:115019','gazetteer');
INSERT INTO "entities" VALUES(5,'16c50c2208130cf8d050','text','Kyong-Yul Lee','PERSON',92,105,'Kyong-Yul Lee',NULL,'spacy:en');
INSERT INTO "entities" VALUES(6,'16c50c2208130cf8d050','text','SG','ORG',130,132,'SG',NULL,'spacy:en');
INSERT INTO "entities" VALUES(7,'16c50c2208130cf8d050','text','WeGO','ORG',141,145,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(8,'16c50c2208130cf8d050','text','Eskandapour','PERSON',147,158,'Eskandapour',NULL,'rule');
INSERT INTO "entities" VALUES(9,'16c50c2208130cf8d050','text','WeGO','ORG',200,204,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(10,'16c50c2208130cf8d050','text','WeGO','ORG',247,251,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(11,'16c50c2208130cf8d050','text','Eskandapour','PERSON',376,387,'Eskandapour',NULL,'rule');
INSERT INTO "entities" VALUES(12,'16c50c2208130cf8d050','text','Shiraz','GPE',400,406,'Shiraz','geonames:115019','gazetteer');
INSERT INTO "entities" VALUES(13,'16c50c2208130cf8d050','text','WeGO','ORG',418,422,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(14,'16c50c2208130cf8d050','text','Shiraz','GPE',447,453,'Shiraz','geonames:115019','gazetteer');
INSERT INTO "entities" VALUES(15,'16c50c2208130cf8d050','text','Eskandapour','PERSON',533,544,'Eskandapour',NULL,'rule');
INSERT INTO "entities" VALUES(16,'16c50c2208130cf8d050','text','WeGO','ORG',597,601,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(17,'16c50c2208130cf8d050','text','Shiraz','GPE',1063,1069,'Shiraz','geonames:115019','gazetteer');
INSERT INTO "entities" VALUES(18,'16c50c2208130cf8d050','text','ICT','ORG',1112,1115,'ICT',NULL,'spacy:en');
INSERT INTO "entities" VALUES(19,'16c50c2208130cf8d050','text','Smart City Infrastructures','ORG',1120,1146,'Smart City Infrastructures',NULL,'spacy:en');
INSERT INTO "entities" VALUES(20,'16c50c2208130cf8d050','text','Smart City and Environment','GPE',1148,1174,'Smart City and Environment',NULL,'spacy:en');
INSERT INTO "entities" VALUES(21,'16c50c2208130cf8d050','text','Eskandapour','PERSON',1222,1233,'Eskandapour',NULL,'rule');
INSERT INTO "entities" VALUES(22,'16c50c2208130cf8d050','text','WeGO','ORG',1276,1280,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(23,'16c50c2208130cf8d050','text','Kyong-Yul Lee','PERSON',1305,1318,'Kyong-Yul Lee',NULL,'spacy:en');
INSERT INTO "entities" VALUES(24,'16c50c2208130cf8d050','text','Kyong-Yul Lee','PERSON',1358,1371,'Kyong-Yul Lee',NULL,'spacy:en');
INSERT INTO "entities" VALUES(25,'16c50c2208130cf8d050','text','Shiraz','GPE',1428,1434,'Shiraz','geonames:115019','gazetteer');
INSERT INTO "entities" VALUES(26,'16c50c2208130cf8d050','text','WeGO','ORG',1605,1609,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(27,'16c50c2208130cf8d050','text','Shiraz','GPE',1767,1773,'Shiraz','geonames:115019','gazetteer');
INSERT INTO "entities" VALUES(28,'16c50c2208130cf8d050','text','Smart Sustainable Cities Organizations','ORG',1826,1864,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(29,'16c50c2208130cf8d050','text','WeGO','ORG',1866,1870,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(30,'30ea29f1418aefdb8c13','title','WeGO','ORG',0,4,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(31,'30ea29f1418aefdb8c13','title','Association des conjoints d''ambassadeurs de Séoul','ORG',54,103,'Association des conjoints d''ambassadeurs de Séoul',NULL,'rule');
INSERT INTO "entities" VALUES(32,'30ea29f1418aefdb8c13','text','Séoul','GPE',0,5,'Seoul','geonames:1835848','gazetteer');
INSERT INTO "entities" VALUES(33,'30ea29f1418aefdb8c13','text','WeGO','ORG',43,47,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(34,'30ea29f1418aefdb8c13','text','Association des conjoints des ambassadeurs de Séoul','ORG',84,135,'Association des conjoints des ambassadeurs de Séoul',NULL,'rule');
INSERT INTO "entities" VALUES(35,'30ea29f1418aefdb8c13','text','ASAS','ORG',137,141,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(36,'30ea29f1418aefdb8c13','text','WeGO','ORG',156,160,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(37,'30ea29f1418aefdb8c13','text','Natalia Federighi','PERSON',162,179,'Natalia Federighi',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(38,'30ea29f1418aefdb8c13','text','ASAS','ORG',194,198,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(39,'30ea29f1418aefdb8c13','text','Rhuwanya Mavura','PERSON',208,223,'Rhuwanya Mavura',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(40,'30ea29f1418aefdb8c13','text','ASAS','ORG',242,246,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(41,'30ea29f1418aefdb8c13','text','ASAS','ORG',269,273,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(42,'30ea29f1418aefdb8c13','text','WeGO','ORG',324,328,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(43,'30ea29f1418aefdb8c13','text','WeGO','ORG',348,352,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(44,'30ea29f1418aefdb8c13','text','WeGO','ORG',572,576,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(45,'30ea29f1418aefdb8c13','text','ASAS','ORG',580,584,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(46,'30ea29f1418aefdb8c13','text','ASAS','ORG',755,759,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(47,'30ea29f1418aefdb8c13','text','WeGO','ORG',864,868,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(48,'30ea29f1418aefdb8c13','text','Association des conjoints des ambassadeurs de Séoul','ORG',1000,1051,'Association des conjoints des ambassadeurs de Séoul',NULL,'rule');
INSERT INTO "entities" VALUES(49,'30ea29f1418aefdb8c13','text','ASAS','ORG',1053,1057,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(50,'30ea29f1418aefdb8c13','text','Séoul','GPE',1114,1119,'Seoul','geonames:1835848','gazetteer');
INSERT INTO "entities" VALUES(51,'30ea29f1418aefdb8c13','text','Corée','GPE',1198,1203,'South Korea','south-korea','gazetteer');
INSERT INTO "entities" VALUES(52,'30ea29f1418aefdb8c13','text','ASAS','ORG',1375,1379,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(53,'30ea29f1418aefdb8c13','text','WeGO','ORG',1789,1793,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(54,'30ea29f1418aefdb8c13','text','WeGO','ORG',1940,1944,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(55,'30ea29f1418aefdb8c13','text','ASAS','ORG',2071,2075,'ASAS',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(56,'30ea29f1418aefdb8c13','text','WeGO','ORG',2166,2170,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(57,'30ea29f1418aefdb8c13','text','Organisation mondiale des villes intelligentes et durables','ORG',2174,2232,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(58,'30ea29f1418aefdb8c13','text','WeGO','ORG',2234,2238,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(59,'30ea29f1418aefdb8c13','text','WeGO','ORG',2515,2519,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(60,'30ea29f1418aefdb8c13','text','Organisation mondiale des gouvernements électroniques','ORG',2574,2627,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(61,'30ea29f1418aefdb8c13','text','WeGO','ORG',2707,2711,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(62,'30ea29f1418aefdb8c13','text','Assemblée générale','ORG',2759,2777,'Assemblée générale',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(63,'30ea29f1418aefdb8c13','text','Organisation mondiale des villes intelligentes et durables','ORG',2807,2865,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(64,'30ea29f1418aefdb8c13','text','WeGO','ORG',2885,2889,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(65,'30ea29f1418aefdb8c13','text','Séoul','GPE',2901,2906,'Seoul','geonames:1835848','gazetteer');
INSERT INTO "entities" VALUES(66,'30ea29f1418aefdb8c13','text','Corée','GPE',2911,2916,'South Korea','south-korea','gazetteer');
INSERT INTO "entities" VALUES(67,'30ea29f1418aefdb8c13','text','Asie de l''Est','LOC',2954,2967,'East Asia','east-asia','gazetteer');
INSERT INTO "entities" VALUES(68,'30ea29f1418aefdb8c13','text','Chengdu','GPE',2969,2976,'Chengdu','geonames:1815286','gazetteer');
INSERT INTO "entities" VALUES(69,'30ea29f1418aefdb8c13','text','Chine','GPE',2978,2983,'China','iso3166:CN','gazetteer');
INSERT INTO "entities" VALUES(70,'30ea29f1418aefdb8c13','text','Méditerranée','LOC',2989,3001,'Mediterranean','mediterranean','gazetteer');
INSERT INTO "entities" VALUES(71,'30ea29f1418aefdb8c13','text','Beyoglu','GPE',3003,3010,'Beyoğlu','beyoglu','gazetteer');
INSERT INTO "entities" VALUES(72,'30ea29f1418aefdb8c13','text','Turquie','GPE',3012,3019,'Türkiye','iso3166:TR','gazetteer');
INSERT INTO "entities" VALUES(73,'30ea29f1418aefdb8c13','text','Afrique','LOC',3025,3032,'Africa','africa','gazetteer');
INSERT INTO "entities" VALUES(74,'30ea29f1418aefdb8c13','text','Abuja','GPE',3034,3039,'Abuja','geonames:2352778','gazetteer');
INSERT INTO "entities" VALUES(75,'30ea29f1418aefdb8c13','text','Nigeria','GPE',3041,3048,'Nigeria','iso3166:NG','gazetteer');
INSERT INTO "entities" VALUES(76,'30ea29f1418aefdb8c13','text','Moyen-Orient','LOC',3054,3066,'Middle East','middle-east','gazetteer');
INSERT INTO "entities" VALUES(77,'30ea29f1418aefdb8c13','text','Afrique du Nord','LOC',3073,3088,'North Africa','north-africa','gazetteer');
INSERT INTO "entities" VALUES(78,'30ea29f1418aefdb8c13','text','Abu Dhabi','GPE',3090,3099,'Abu Dhabi','geonames:292968','gazetteer');
INSERT INTO "entities" VALUES(79,'30ea29f1418aefdb8c13','text','Émirats arabes unis','GPE',3101,3120,'United Arab Emirates','iso3166:AE','gazetteer');
INSERT INTO "entities" VALUES(80,'30ea29f1418aefdb8c13','text','Amérique latine','LOC',3125,3140,'Latin America','latin-america','gazetteer');
INSERT INTO "entities" VALUES(81,'30ea29f1418aefdb8c13','text','Cuenca','GPE',3142,3148,'Cuenca','geonames:3658666','gazetteer');
INSERT INTO "entities" VALUES(82,'30ea29f1418aefdb8c13','text','Équateur','GPE',3150,3158,'Ecuador','iso3166:EC','gazetteer');
INSERT INTO "entities" VALUES(83,'30ea29f1418aefdb8c13','text','Asie centrale','LOC',3163,3176,'Central Asia','central-asia','gazetteer');
INSERT INTO "entities" VALUES(84,'30ea29f1418aefdb8c13','text','Almaty','GPE',3178,3184,'Almaty','geonames:1526384','gazetteer');
INSERT INTO "entities" VALUES(85,'30ea29f1418aefdb8c13','text','Kazakhstan','GPE',3186,3196,'Kazakhstan','iso3166:KZ','gazetteer');
INSERT INTO "entities" VALUES(86,'30ea29f1418aefdb8c13','text','WeGO','ORG',3290,3294,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(87,'30ea29f1418aefdb8c13','text','WeGO','ORG',3681,3685,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(88,'30ea29f1418aefdb8c13','text','Kakim Danabaïev','PERSON',3881,3896,'Kakim Danabaïev',NULL,'spacy:fr');
INSERT INTO "entities" VALUES(89,'9bdec4d63fbf53edb71b','title','WeGO','ORG',0,4,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(90,'9bdec4d63fbf53edb71b','text','Seoul','GPE',0,5,'Seoul','geonames:1835848','gazetteer');
INSERT INTO "entities" VALUES(91,'9bdec4d63fbf53edb71b','text','WeGO','ORG',35,39,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(92,'9bdec4d63fbf53edb71b','text','WeGO','ORG',129,133,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(93,'9bdec4d63fbf53edb71b','text','Natalia Federighi','PERSON',142,159,'Natalia Federighi',NULL,'rule');
INSERT INTO "entities" VALUES(94,'9bdec4d63fbf53edb71b','text','Rhuwanya Mavura','PERSON',190,205,'Rhuwanya Mavura',NULL,'spacy:en');
INSERT INTO "entities" VALUES(95,'9bdec4d63fbf53edb71b','text','WeGO','ORG',283,287,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(96,'9bdec4d63fbf53edb71b','text','WeGO','ORG',314,318,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(97,'9bdec4d63fbf53edb71b','text','WeGO','ORG',489,493,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(98,'9bdec4d63fbf53edb71b','text','WeGO','ORG',662,666,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(99,'9bdec4d63fbf53edb71b','text','The Seoul Ambassadors’ Spouses Association','ORG',818,860,'The Seoul Ambassadors’ Spouses Association',NULL,'spacy:en');
INSERT INTO "entities" VALUES(100,'9bdec4d63fbf53edb71b','text','Seoul','GPE',919,924,'Seoul','geonames:1835848','gazetteer');
INSERT INTO "entities" VALUES(101,'9bdec4d63fbf53edb71b','text','Korea','GPE',999,1004,'South Korea','south-korea','gazetteer');
INSERT INTO "entities" VALUES(102,'9bdec4d63fbf53edb71b','text','WeGO','ORG',1460,1464,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(103,'9bdec4d63fbf53edb71b','text','WeGO','ORG',1602,1606,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(104,'9bdec4d63fbf53edb71b','text','WeGO','ORG',1771,1775,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(105,'9bdec4d63fbf53edb71b','text','World Smart Sustainable Cities Organization','ORG',1780,1823,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(106,'9bdec4d63fbf53edb71b','text','WeGO','ORG',1825,1829,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(107,'9bdec4d63fbf53edb71b','text','WeGO','ORG',2046,2050,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(108,'9bdec4d63fbf53edb71b','text','World e-Governments Organization','ORG',2098,2130,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(109,'9bdec4d63fbf53edb71b','text','WeGO','ORG',2204,2208,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(110,'9bdec4d63fbf53edb71b','text','General Assembly','ORG',2252,2268,'General Assembly',NULL,'spacy:en');
INSERT INTO "entities" VALUES(111,'9bdec4d63fbf53edb71b','text','World Smart Sustainable Cities Organization','ORG',2297,2340,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(112,'9bdec4d63fbf53edb71b','text','WeGO','ORG',2346,2350,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(113,'9bdec4d63fbf53edb71b','text','Seoul','GPE',2375,2380,'Seoul','geonames:1835848','gazetteer');
INSERT INTO "entities" VALUES(114,'9bdec4d63fbf53edb71b','text','Korea','GPE',2382,2387,'South Korea','south-korea','gazetteer');
INSERT INTO "entities" VALUES(115,'9bdec4d63fbf53edb71b','text','East Asia','LOC',2417,2426,'East Asia','east-asia','gazetteer');
INSERT INTO "entities" VALUES(116,'9bdec4d63fbf53edb71b','text','Chengdu','GPE',2428,2435,'Chengdu','geonames:1815286','gazetteer');
INSERT INTO "entities" VALUES(117,'9bdec4d63fbf53edb71b','text','China','GPE',2437,2442,'China','iso3166:CN','gazetteer');
INSERT INTO "entities" VALUES(118,'9bdec4d63fbf53edb71b','text','Mediterranean','LOC',2449,2462,'Mediterranean','mediterranean','gazetteer');
INSERT INTO "entities" VALUES(119,'9bdec4d63fbf53edb71b','text','Beyoglu','GPE',2464,2471,'Beyoğlu','beyoglu','gazetteer');
INSERT INTO "entities" VALUES(120,'9bdec4d63fbf53edb71b','text','Africa','LOC',2482,2488,'Africa','africa','gazetteer');
INSERT INTO "entities" VALUES(121,'9bdec4d63fbf53edb71b','text','Abuja','GPE',2490,2495,'Abuja','geonames:2352778','gazetteer');
INSERT INTO "entities" VALUES(122,'9bdec4d63fbf53edb71b','text','Nigeria','GPE',2497,2504,'Nigeria','iso3166:NG','gazetteer');
INSERT INTO "entities" VALUES(123,'9bdec4d63fbf53edb71b','text','Middle East','LOC',2511,2522,'Middle East','middle-east','gazetteer');
INSERT INTO "entities" VALUES(124,'9bdec4d63fbf53edb71b','text','North Africa','LOC',2527,2539,'North Africa','north-africa','gazetteer');
INSERT INTO "entities" VALUES(125,'9bdec4d63fbf53edb71b','text','Abu Dhabi','GPE',2541,2550,'Abu Dhabi','geonames:292968','gazetteer');
INSERT INTO "entities" VALUES(126,'9bdec4d63fbf53edb71b','text','United Arab Emirates','GPE',2552,2572,'United Arab Emirates','iso3166:AE','gazetteer');
INSERT INTO "entities" VALUES(127,'9bdec4d63fbf53edb71b','text','Latin America','LOC',2575,2588,'Latin America','latin-america','gazetteer');
INSERT INTO "entities" VALUES(128,'9bdec4d63fbf53edb71b','text','Cuenca','GPE',2590,2596,'Cuenca','geonames:3658666','gazetteer');
INSERT INTO "entities" VALUES(129,'9bdec4d63fbf53edb71b','text','Ecuador','GPE',2598,2605,'Ecuador','iso3166:EC','gazetteer');
INSERT INTO "entities" VALUES(130,'9bdec4d63fbf53edb71b','text','Central Asia','LOC',2611,2623,'Central Asia','central-asia','gazetteer');
INSERT INTO "entities" VALUES(131,'9bdec4d63fbf53edb71b','text','Almaty','GPE',2625,2631,'Almaty','geonames:1526384','gazetteer');
INSERT INTO "entities" VALUES(132,'9bdec4d63fbf53edb71b','text','Kazakhstan','GPE',2633,2643,'Kazakhstan','iso3166:KZ','gazetteer');
INSERT INTO "entities" VALUES(133,'9bdec4d63fbf53edb71b','text','WeGO','ORG',2695,2699,'WeGO','wego','gazetteer');
INSERT INTO "entities" VALUES(134,'9bdec4d63fbf53edb71b','text','WeGO','ORG',3010,3014,'WeGO','wego','gazetteer');
CREATE TABLE "fetches" (
   "id" INTEGER PRIMARY KEY,
   "run_id" INTEGER REFERENCES "runs"("id"),
   "source" TEXT,
   "url" TEXT,
   "status" TEXT,
   "http_status" INTEGER,
   "bytes" INTEGER,
   "duration_ms" INTEGER,
   "error" TEXT,
   "not_modified" INTEGER,
   "items_found" INTEGER,
   "items_new" INTEGER,
   "items_updated" INTEGER,
   "items_unchanged" INTEGER,
   "fetched_at" TEXT
);
INSERT INTO "fetches" VALUES(1,1,'WeGO','feeds/wego.xml','ok',NULL,7114,65,NULL,0,1,1,0,0,'2026-11-30T13:52:33+00:00');
INSERT INTO "fetches" VALUES(2,1,'WeGO English','pages/wego-asas-en.html','ok',NULL,10679,93,NULL,0,1,1,0,0,'2026-11-30T13:52:33+00:00');
INSERT INTO "fetches" VALUES(3,1,'Shiraz Municipality','pages/shiraz-mayor-wego.html','ok',NULL,6260,1009,NULL,0,1,1,0,0,'2026-11-30T13:52:34+00:00');
CREATE TABLE "officials" (
   "id" INTEGER PRIMARY KEY,
   "article_id" TEXT,
   "person" TEXT,
   "role" TEXT,
   "place" TEXT,
   "org" TEXT,
   "evidence" TEXT
);
INSERT INTO "officials" VALUES(1,'16c50c2208130cf8d050','Eskandapour','Mayor','Shiraz',NULL,'Eskandapour, Shiraz Mayor');
INSERT INTO "officials" VALUES(2,'16c50c2208130cf8d050','Kyong-Yul Lee','Secretary General',NULL,'WeGO','Kyong-Yul Lee, the Secretary General (SG) of the WeGO');
INSERT INTO "officials" VALUES(3,'30ea29f1418aefdb8c13','Natalia Federighi','présidente',NULL,'ASAS','Natalia Federighi, présidente d''ASAS et Chaba');
INSERT INTO "officials" VALUES(4,'30ea29f1418aefdb8c13','Rhuwanya Mavura','vice-président',NULL,'ASAS','Rhuwanya Mavura, vice-président d''ASAS');
INSERT INTO "officials" VALUES(5,'9bdec4d63fbf53edb71b','Natalia Federighi','President',NULL,'ASAS','Natalia Federighi, President of ASAS');
INSERT INTO "officials" VALUES(6,'9bdec4d63fbf53edb71b','Rhuwanya Mavura','Vice President',NULL,'ASAS','Rhuwanya Mavura, Vice President of ASAS');
CREATE TABLE "runs" (
   "id" INTEGER PRIMARY KEY,
   "started" TEXT,
   "finished" TEXT,
   "status" TEXT,
   "exit_code" INTEGER,
   "pid" INTEGER,
   "config" TEXT,
   "summary" TEXT
);
INSERT INTO "runs" VALUES(1,'2026-11-30T13:52:32+00:00','2026-11-30T13:53:15+00:00','ok',0,32754,'/tmp/store-fx/sources.yaml','{"sources": 3, "failed": 0, "silent": 0, "fail_threshold": 0, "silent_after_days": 30, "articles": 3, "stories": 2}');
CREATE TABLE "sources" (
   "name" TEXT PRIMARY KEY,
   "url" TEXT,
   "kind" TEXT,
   "language" TEXT,
   "title" TEXT,
   "tags" TEXT,
   "etag" TEXT,
   "last_modified" TEXT,
   "last_fetched" TEXT,
   "last_success" TEXT,
   "last_new_item" TEXT,
   "consecutive_failures" INTEGER,
   "last_error" TEXT
);
INSERT INTO "sources" VALUES('WeGO','feeds/wego.xml','feed','fr','World Smart Sustainable Cities Organization','["network", "smart-city"]','"18ecd6fcec8a0a86-1bca"',NULL,'2026-11-30T13:52:33+00:00','2026-11-30T13:52:33+00:00','2026-11-30T13:52:33+00:00',0,NULL);
INSERT INTO "sources" VALUES('WeGO English','pages/wego-asas-en.html','page','en','World Smart Sustainable Cities Organization (English site)','["network", "smart-city"]','"18ecd6fceddf19d3-29b7"',NULL,'2026-11-30T13:52:33+00:00','2026-11-30T13:52:33+00:00','2026-11-30T13:52:33+00:00',0,NULL);
INSERT INTO "sources" VALUES('Shiraz Municipality','pages/shiraz-mayor-wego.html','page','en','Shiraz Municipality (Iran)','["member-city", "iran"]','"18ecd6fcecc487d0-1874"',NULL,'2026-11-30T13:52:34+00:00','2026-11-30T13:52:34+00:00','2026-11-30T13:52:34+00:00',0,NULL);
CREATE TABLE "stage_state" (
   "article_id" TEXT,
   "stage" TEXT,
   "done_hash" TEXT,
   "at" TEXT,
   PRIMARY KEY ("article_id", "stage")
);
INSERT INTO "stage_state" VALUES('16c50c2208130cf8d050','language','36f2d9b27328cd1cae901e13d03ef0e43b5fdeb50c083d9bae4ee2c45ab69fb1','2026-11-30T13:52:39+00:00');
INSERT INTO "stage_state" VALUES('30ea29f1418aefdb8c13','language','16ad8670d8af762ad349cd7a5f8130150c77bbb8c9125d92df0855484e6cee40','2026-11-30T13:52:39+00:00');
INSERT INTO "stage_state" VALUES('9bdec4d63fbf53edb71b','language','9ec0cb6138a5becf3cba63f57e91f13e5ddb72f006fd054c44de9055e9754160','2026-11-30T13:52:39+00:00');
INSERT INTO "stage_state" VALUES('16c50c2208130cf8d050','translate','36f2d9b27328cd1cae901e13d03ef0e43b5fdeb50c083d9bae4ee2c45ab69fb1','2026-11-30T13:52:41+00:00');
INSERT INTO "stage_state" VALUES('30ea29f1418aefdb8c13','translate','16ad8670d8af762ad349cd7a5f8130150c77bbb8c9125d92df0855484e6cee40','2026-11-30T13:52:41+00:00');
INSERT INTO "stage_state" VALUES('9bdec4d63fbf53edb71b','translate','9ec0cb6138a5becf3cba63f57e91f13e5ddb72f006fd054c44de9055e9754160','2026-11-30T13:52:41+00:00');
INSERT INTO "stage_state" VALUES('16c50c2208130cf8d050','entities','36f2d9b27328cd1cae901e13d03ef0e43b5fdeb50c083d9bae4ee2c45ab69fb1','2026-11-30T13:53:12+00:00');
INSERT INTO "stage_state" VALUES('30ea29f1418aefdb8c13','entities','16ad8670d8af762ad349cd7a5f8130150c77bbb8c9125d92df0855484e6cee40','2026-11-30T13:53:12+00:00');
INSERT INTO "stage_state" VALUES('9bdec4d63fbf53edb71b','entities','9ec0cb6138a5becf3cba63f57e91f13e5ddb72f006fd054c44de9055e9754160','2026-11-30T13:53:12+00:00');
CREATE TABLE "stories" (
   "id" INTEGER PRIMARY KEY,
   "representative" TEXT,
   "title" TEXT,
   "created" TEXT,
   "updated" TEXT,
   "status" TEXT,
   "decided_by" TEXT,
   "decided_at" TEXT,
   "note" TEXT
);
INSERT INTO "stories" VALUES(1,'9bdec4d63fbf53edb71b','WeGO Discusses Collaboration Opportunities with the Seoul Ambassadors’ Spouses Association','2026-11-30T13:53:15+00:00','2026-11-30T13:53:30+00:00','approved','Ana','2026-11-30T13:53:30+00:00','ok');
INSERT INTO "stories" VALUES(2,'16c50c2208130cf8d050','Shiraz Mayor meets WeGO secretary General','2026-11-30T13:53:15+00:00','2026-11-30T13:53:15+00:00','new',NULL,NULL,NULL);
CREATE TABLE story_anchors (anchor TEXT, day INTEGER, article_id TEXT);
INSERT INTO "story_anchors" VALUES('city:abuja',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('federighi',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('general',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:latin america',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:the seoul ambassadors’ spouses association',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:abuja',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:middle east',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:latin america',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('assembly',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:ambassadors spouses association',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:united arab emirates',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('africa',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:middle east',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('asas',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:mediterranean',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('turkey',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('num:82',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('secretariat',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('city:abu dhabi',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('beyoglu',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('america',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('chaba',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:almaty',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:smart city prize',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:kazakhstan',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:east asia',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:united arab emirates',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('e-governments',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:north africa',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('world',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('korea',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('association',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('champions',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:central asia',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:south korea',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('num:50',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:smart sustainable city champions',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:africa',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('num:9169',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:world e-governments organization',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:cuenca',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('year:2024',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('smart',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('china',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('nigeria',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ambassadors',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('mediterranean',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:chengdu',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('arab',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('central',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:chaba rhuwanya mavura',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:vice president',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('mavura',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('spouses',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:nigeria',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('num:11',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:natalia federighi',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:beyoglu',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('north',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('east',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('prize',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('organization',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:seoul',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:central asia',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('city:seoul',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('year:2017',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:world smart sustainable cities organization',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ppp',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('vice',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:abu dhabi',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('sustainable',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('danabaev',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:wego',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('city',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('city:almaty',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('cities',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:rhuwanya mavura',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:north africa',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('natalia',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:general assembly',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('contact',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('num:70',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:wego secretariat',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('city:chengdu',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('united',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('latin',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('rhuwanya',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('kazakhstan',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:china',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:natalia federighi',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:general assembly',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ent:ecuador',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('year:2010',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:east asia',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('wego',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('kakim',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('name:kakim danabaev',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('president',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('emirates',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('ecuador',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('city:cuenca',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('asia',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('middle',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('num:4202',739078,'9bdec4d63fbf53edb71b');
INSERT INTO "story_anchors" VALUES('city:abuja',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('federighi',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('emirats',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:middle east',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:abuja',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:latin america',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('assembly',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('africa',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:middle east',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:wego serves',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('press',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('asas',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:mediterranean',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('turkey',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:82',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:12',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('roast',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('city:abu dhabi',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('beyoglu',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('america',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('chaba',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:almaty',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:kazakhstan',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('moyen-orient',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('turquie',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:east asia',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:united arab emirates',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:wego expects',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('korea',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:wego has',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:wego and roast',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:turkiye',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:central asia',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:south korea',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:50',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:africa',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('danabaiev',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:9169',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:cuenca',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('year:2024',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('smart',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('nigeria',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('has',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('china',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:asas',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('and',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('arab',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('mediterranean',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('central',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:chaba rhuwanya mavura',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:chengdu',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('mavura',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('equateur',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:nigeria',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:11',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('serves',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:natalia federighi',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('asie',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:beyoglu',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('north',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('east',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:seoul',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:central asia',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('city:seoul',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('year:2017',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ppp',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:association des conjoints des ambassadeurs de seoul',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:abu dhabi',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('nord',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:kakim danabaiev',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:wego',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('city',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('city:almaty',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:rhuwanya mavura',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:north africa',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('natalia',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('afrique',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:70',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('city:chengdu',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:association des conjoints d''ambassadeurs de seoul',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('rhuwanya',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('kazakhstan',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:china',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('coree',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:natalia federighi',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('assemblee',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:ecuador',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('chine',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:emirats arab',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:smart city',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('year:2010',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('wego',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:wego converses',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('presse',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('kakim',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('name:kakim danabaiev',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('converses',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ecuador',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('city:cuenca',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('mediterranee',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('asia',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('ent:assemblee generale',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('expects',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('middle',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:4202',739079,'30ea29f1418aefdb8c13');
INSERT INTO "story_anchors" VALUES('num:200',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('general',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:kyong-yul lee',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('mayor',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('name:smart sustainable cities organizations',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('name:wego sg',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('sustainable',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('year:2018',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:wego',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('city',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('cities',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('communication',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('kyong-yul',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:shiraz',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:smart city infrastructures',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('executive',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('e-government',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('name:secretary general',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('sg',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:sg',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('secretary',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('environment',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('infrastructures',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:eskandapour',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('name:kyong-yul lee',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('city:shiraz',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('name:smart city infrastructures',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('name:smart city',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('citizens',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('year:2010',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('organizations',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:smart city and environment',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('smart',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ict',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('wego',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('lee',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('name:wego executive',NULL,'16c50c2208130cf8d050');
INSERT INTO "story_anchors" VALUES('ent:ict',NULL,'16c50c2208130cf8d050');
CREATE TABLE story_bands (band INTEGER, article_id TEXT);
INSERT INTO "story_bands" VALUES(5647311631323476179,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(2896981267469319222,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(1126367898726320713,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(8862411879069568140,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(7362986657249517395,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(7851274989712279596,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(7323729363867564653,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(1871345702738429618,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(5827125224323908744,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(6268469655959602782,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(1197449690176273497,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(3573355944745128087,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(478948228422062379,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(2442847652544989495,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(6606860665925990244,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(3452044336608982437,'9bdec4d63fbf53edb71b');
INSERT INTO "story_bands" VALUES(4738326308188195059,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(2866660013179851264,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(176375703164380616,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(219712982011246980,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(3980048466735629057,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(2263524177756480338,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(2619461788836276504,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(6614436497400356488,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(7675273983375550839,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(2722362504774954065,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(6332025412772387428,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(2791529552742263437,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(8954918792975694132,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(1832912832992885957,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(4655571524624077705,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(4778103157377751044,'30ea29f1418aefdb8c13');
INSERT INTO "story_bands" VALUES(8087976908323821319,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(841434300117694625,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(6443688321877857798,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(754756669827385184,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(218115314919145140,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(456940460831658128,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(5274010853328859499,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(1819411179455690420,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(7071840227720100411,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(733432693029133101,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(6578305236464232186,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(6790718581674986550,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(481079887818565875,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(1094372199706125654,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(8972687937134007254,'16c50c2208130cf8d050');
INSERT INTO "story_bands" VALUES(1656800144720401440,'16c50c2208130cf8d050');
CREATE TABLE story_fingerprints (article_id TEXT PRIMARY KEY, content_hash TEXT, day INTEGER, signature BLOB, data TEXT);
INSERT INTO "story_fingerprints" VALUES('9bdec4d63fbf53edb71b','9ec0cb6138a5becf3cba63f57e91f13e5ddb72f006fd054c44de9055e9754160',739078,X'3B7A1200000000006C0676000000000066B77D00000000001F81500000000000E94B6F000000000063E9880000000000341A1000000000004EAB2D000000000034CDA0010000000039C29F01000000008899DF00000000009130460000000000933D3300000000006D9B6300000000001D7449000000000006360D0000000000C8E3CB0000000000D719390000000000A804DA00000000000885B2000000000051CD6C000000000035871B0100000000B5E29300000000006428AA01000000006EF72701000000001FDD0C0000000000E37D6002000000009129CF00000000006D4AFC00000000006C892A000000000077C692000000000047AE400000000000CE78130000000000FC7DBA00000000004540F8000000000026171D00000000009E23D7000000000095263800000000003E405900000000005DE54201000000004AAC910000000000B8EE200000000000AEEC2100000000002C353F0000000000F178F700000000002309EB000000000009A4AB0100000000421F0E0000000000FB744101000000003232630000000000686C9C0000000000FB46090000000000070E8F0000000000AAD04E01000000004D074B00000000002C3B5900000000005E781800000000009EB7A60000000000C61975000000000032A521000000000090E23101000000004D69890000000000A69F19000000000072A48C0000000000','{"lang": "en", "anchors": ["africa", "ambassadors", "america", "arab", "asas", "asia", "assembly", "association", "beyoglu", "central", "chaba", "champions", "china", "cities", "city", "city:abu dhabi", "city:abuja", "city:almaty", "city:chengdu", "city:cuenca", "city:seoul", "contact", "danabaev", "e-governments", "east", "ecuador", "emirates", "ent:abu dhabi", "ent:abuja", "ent:africa", "ent:almaty", "ent:beyoglu", "ent:central asia", "ent:chengdu", "ent:china", "ent:cuenca", "ent:east asia", "ent:ecuador", "ent:general assembly", "ent:kazakhstan", "ent:latin america", "ent:mediterranean", "ent:middle east", "ent:natalia federighi", "ent:nigeria", "ent:north africa", "ent:rhuwanya mavura", "ent:seoul", "ent:south korea", "ent:the seoul ambassadors\u2019 spouses association", "ent:united arab emirates", "ent:wego", "federighi", "general", "kakim", "kazakhstan", "korea", "latin", "mavura", "mediterranean", "middle", "name:ambassadors spouses association", "name:central asia", "name:chaba rhuwanya mavura", "name:east asia", "name:general assembly", "name:kakim danabaev", "name:latin america", "name:middle east", "name:natalia federighi", "name:north africa", "name:smart city prize", "name:smart sustainable city champions", "name:united arab emirates", "name:vice president", "name:wego secretariat", "name:world e-governments organization", "name:world smart sustainable cities organization", "natalia", "nigeria", "north", "num:11", "num:4202", "num:50", "num:70", "num:82", "num:9169", "organization", "ppp", "president", "prize", "rhuwanya", "secretariat", "smart", "spouses", "sustainable", "turkey", "united", "vice", "wego", "world", "year:2010", "year:2017", "year:2024"], "lead_places": ["city:seoul"], "lead_names": ["ambassadors spouses association", "chaba rhuwanya mavura", "natalia federighi", "rhuwanya mavura", "vice president"], "lead_years": ["2024"], "english": {"wego": 16, "discusse": 1, "collaboration": 2, "opportunitie": 1, "seoul": 7, "ambassador": 4, "spouse": 4, "association": 5, "july": 2, "welcomed": 1, "representative": 2, "asas": 9, "office": 2, "natalia": 1, "federighi": 1, "president": 2, "chaba": 1, "rhuwanya": 1, "mavura": 1, "vice": 1, "expressed": 1, "keen": 1, "interest": 2, "program": 2, "way": 1, "work": 1, "member": 4, "partner": 1, "world": 5, "organization": 4, "underlined": 1, "importance": 1, "focusing": 1, "socially": 1, "neglected": 1, "group": 1, "smart": 12, "city": 6, "development": 2, "explored": 1, "potential": 2, "area": 1, "cooperation": 3, "particularly": 1, "women": 1, "empowerment": 1, "inclusive": 2, "approache": 1, "solution": 2, "showed": 1, "particular": 1, "sustainable": 5, "champion": 1, "prize": 1, "initiative": 3, "shared": 1, "network": 1, "posted": 1, "engage": 1, "charitable": 1, "cultural": 1, "activitie": 3, "korea": 2, "including": 1, "fundraising": 1, "school": 1, "disabled": 1, "blind": 1, "holding": 1, "charity": 1, "bazaar": 1, "organizing": 1, "educational": 1, "outing": 1, "volunteer": 1, "health-related": 1, "talent": 1, "donation": 1, "art": 1, "exhibition": 1, "interpretation": 1, "service": 2, "international": 3, "patient": 1, "meet": 1, "regularly": 1, "plan": 1, "discus": 1, "positive": 1, "impact": 1, "local": 3, "community": 1, "meeting": 1, "mark": 1, "important": 1, "step": 1, "ongoing": 1, "effort": 1, "foster": 1, "global": 1, "partnership": 2, "advance": 2, "mission": 2, "creating": 1, "urban": 1, "environment": 1, "look": 1, "forward": 1, "outcome": 1, "engagement": 2, "possibility": 1, "deeper": 1, "enhance": 1, "worldwide": 1, "citie": 7, "government": 2, "tech": 1, "provider": 1, "institution": 1, "committed": 1, "transforming": 1, "facilitating": 1, "public-private": 1, "ppp": 1, "founded": 1, "e-government": 1, "acronym": 1, "response": 1, "evolving": 1, "concept": 1, "expanded": 1, "vision": 1, "mandate": 1, "general": 1, "assembly": 1, "secretariat": 1, "based": 1, "regional": 2, "east": 2, "asia": 2, "chengdu": 1, "china": 1, "mediterranean": 1, "beyoglu": 1, "turkey": 1, "africa": 2, "abuja": 1, "nigeria": 1, "middle": 1, "north": 1, "abu": 1, "dhabi": 1, "united": 1, "arab": 1, "emirate": 1, "latin": 1, "america": 1, "cuenca": 1, "ecuador": 1, "central": 1, "almaty": 1, "kazakhstan": 1, "leading": 1, "platform": 2, "share": 1, "knowledge": 1, "best": 1, "practice": 1, "e-governance": 1, "strengthen": 2, "administrative": 1, "efficiency": 1, "transparency": 1, "digital": 2, "capacity": 1, "facilitate": 1, "civic": 1, "reduce": 1, "divide": 1, "inequalitie": 1, "promote": 1, "solidarity": 1, "serve": 1, "improve": 1, "quality": 1, "life": 1, "innovate": 1, "public": 1, "delivery": 1, "competitivenes": 1, "pres": 1, "contact": 1, "kakim": 2, "danabaev": 1, "email": 1, "we-gov": 1, "org": 1, "phone": 1}, "length": 3248, "lead_terms": ["ambassadors", "asas", "association", "chaba", "city:seoul", "federighi", "mavura", "natalia", "president", "rhuwanya", "spouses", "vice", "wego"], "lead_dates": [739078]}');
INSERT INTO "story_fingerprints" VALUES('30ea29f1418aefdb8c13','16ad8670d8af762ad349cd7a5f8130150c77bbb8c9125d92df0855484e6cee40',739079,X'388D36000000000030CF600000000000DB81200000000000923D05000000000024120B00000000000E22960000000000D39A7600000000009E4753000000000019A6030000000000DC0C1E0000000000D98C5A0000000000E7600700000000001B792D0000000000BB0C420000000000108C2100000000004191960000000000C5D29000000000004EF30E0000000000839F0300000000007277B20000000000158A1C00000000001BA3200300000000334E0E00000000000BCF22000000000070E60300000000008CCF4F00000000004983ED000000000020684A0000000000C0544E0000000000845811000000000001320E000000000055663E0000000000CE78130000000000A1661900000000001BAF3600000000009B88BD0000000000D18E130000000000A131660000000000E91E610000000000EBC34001000000007549350000000000CB440F000000000067F6290000000000DD533400000000008736140000000000437B0400000000004C081E0000000000130B360000000000236705010000000067F90300000000008C9B43010000000087E99A0000000000075C4A0000000000393B3400000000004D03020000000000621E0E0000000000795C2E00000000001230040000000000E1CE8800000000008A28EA010000000075CD96000000000029456E000000000025D62B00000000007C6ABD0000000000','{"lang": "fr", "anchors": ["africa", "afrique", "america", "and", "arab", "asas", "asia", "asie", "assemblee", "assembly", "beyoglu", "central", "chaba", "china", "chine", "city", "city:abu dhabi", "city:abuja", "city:almaty", "city:chengdu", "city:cuenca", "city:seoul", "converses", "coree", "danabaiev", "east", "ecuador", "emirats", "ent:abu dhabi", "ent:abuja", "ent:africa", "ent:almaty", "ent:asas", "ent:assemblee generale", "ent:association des conjoints d''ambassadeurs de seoul", "ent:association des conjoints des ambassadeurs de seoul", "ent:beyoglu", "ent:central asia", "ent:chengdu", "ent:china", "ent:cuenca", "ent:east asia", "ent:ecuador", "ent:kakim danabaiev", "ent:kazakhstan", "ent:latin america", "ent:mediterranean", "ent:middle east", "ent:natalia federighi", "ent:nigeria", "ent:north africa", "ent:rhuwanya mavura", "ent:seoul", "ent:south korea", "ent:turkiye", "ent:united arab emirates", "ent:wego", "equateur", "expects", "federighi", "has", "kakim", "kazakhstan", "korea", "mavura", "mediterranean", "mediterranee", "middle", "moyen-orient", "name:central asia", "name:chaba rhuwanya mavura", "name:emirats arab", "name:kakim danabaiev", "name:middle east", "name:natalia federighi", "name:smart city", "name:wego and roast", "name:wego converses", "name:wego expects", "name:wego has", "name:wego serves", "natalia", "nigeria", "nord", "north", "num:11", "num:12", "num:4202", "num:50", "num:70", "num:82", "num:9169", "ppp", "press", "presse", "rhuwanya", "roast", "serves", "smart", "turkey", "turquie", "wego", "year:2010", "year:2017", "year:2024"], "lead_places": ["city:seoul"], "lead_names": ["chaba rhuwanya mavura", "natalia federighi", "rhuwanya mavura", "wego converses"], "lead_years": ["2024"], "english": {"wego": 16, "converse": 2, "opportunitie": 1, "collaboration": 2, "association": 5, "spouse": 4, "ambassador": 4, "seoul": 7, "july": 2, "received": 1, "representative": 2, "roast": 9, "dispatch": 1, "natalia": 1, "federighi": 1, "president": 1, "chaba": 1, "rhuwanya": 1, "mavura": 1, "vice-president": 1, "expressed": 1, "alive": 1, "interest": 2, "program": 2, "way": 1, "work": 1, "member": 4, "partner": 1, "world": 2, "organisation": 6, "underlined": 1, "importance": 1, "concentrate": 1, "group": 1, "socially": 1, "neglige": 1, "frame": 1, "development": 2, "intelligent": 11, "citie": 11, "explored": 1, "potential": 2, "propertie": 1, "cooperation": 4, "particular": 2, "autonomizacion": 1, "women": 1, "approache": 1, "inclusivo": 2, "solution": 2, "city": 2, "showed": 1, "champion": 1, "durable": 5, "initiative": 3, "prize": 1, "smart": 1, "shared": 1, "heart": 1, "coverage": 1, "deepened": 2, "composed": 2, "post": 1, "engage": 1, "diverse": 1, "activitie": 3, "caritative": 1, "cultural": 1, "korea": 2, "especially": 1, "raise": 1, "fund": 1, "school": 1, "disabled": 1, "blind": 1, "bazaar": 1, "caritatif": 1, "educational": 1, "start": 1, "equally": 1, "benevole": 1, "related": 1, "health": 1, "donation": 1, "talent": 1, "exposure": 1, "art": 1, "supply": 1, "service": 2, "interpretation": 1, "international": 3, "patient": 1, "gather": 1, "regularly": 1, "schedule": 1, "positive": 1, "impact": 1, "local": 3, "community": 1, "meeting": 1, "mark": 1, "stage": 1, "entity": 1, "continuou": 1, "endeavour": 1, "favour": 1, "world-wide": 5, "progres": 2, "mission": 2, "creation": 1, "half": 1, "urban": 1, "environment": 1, "expect": 1, "impatiently": 1, "result": 1, "commitment": 1, "possibility": 1, "improve": 2, "stair": 1, "apropo": 1, "government": 2, "provider": 1, "technological": 1, "committed": 1, "institution": 1, "transformation": 1, "facilitating": 1, "public": 2, "cooperations-private": 1, "ppp": 1, "founded": 1, "like": 3, "electronic": 2, "acronyme": 1, "reply": 1, "evolutionary": 1, "concept": 1, "expanded": 1, "vision": 1, "mandate": 1, "general": 1, "assembly": 1, "secretariat": 1, "based": 1, "possesse": 1, "regional": 2, "dispatche": 1, "east": 2, "asia": 2, "chengdu": 1, "china": 1, "mediterranean": 1, "beyoglu": 1, "turkey": 1, "africa": 2, "abuya": 1, "nigeria": 1, "middle": 1, "north": 1, "abu": 1, "dhabi": 1, "emirat": 1, "arab": 1, "joined": 1, "latin": 1, "america": 1, "cuenca": 1, "ecuador": 1, "central": 1, "almaty": 1, "kazakhstan": 1, "platform": 2, "leader": 1, "share": 1, "knowledge": 1, "best": 1, "practice": 1, "matter": 1, "gouvernance": 1, "reinforce": 2, "efficiency": 1, "administrative": 1, "transparency": 1, "numerical": 2, "capacity": 1, "facilitate": 1, "civic": 1, "implication": 1, "reduce": 1, "fracture": 1, "inequalitie": 1, "promote": 1, "solidaria": 1, "executive": 1, "serve": 1, "quality": 1, "life": 1, "innovar": 1, "provision": 1, "competitivenes": 1, "contact": 1, "pres": 1, "kakim": 2, "danabaiev": 1, "courriel": 1, "we-gov": 1, "org": 1, "telephone": 1}, "length": 3955, "lead_terms": ["asas", "chaba", "city:seoul", "federighi", "mavura", "natalia", "rhuwanya", "wego"], "lead_dates": [739079]}');
INSERT INTO "story_fingerprints" VALUES('16c50c2208130cf8d050','36f2d9b27328cd1cae901e13d03ef0e43b5fdeb50c083d9bae4ee2c45ab69fb1',NULL,X'96D9A1010000000012147A0300000000B7C76C0100000000A0CF26000000000051BC260000000000E2EA050000000000AE3DC6020000000052DD3D000000000002970A01000000000843B702000000000821C20000000000656F390000000000D76550000000000021565D000000000084FD8300000000007C837F00000000005360D00000000000CCA09400000000005236860100000000FF0E100000000000E629570000000000498D72000000000084690E0000000000C9130300000000009E092E0000000000A0F9060100000000C201360100000000715F3B00000000004AAD8F01000000003E0C9A000000000038A2A2000000000055A0830000000000BDD5560000000000CEF1020000000000B7AE3A0000000000DC6C3300000000009BD4F40000000000987D170000000000300E7100000000005DE5420100000000ACB88A02000000009518210000000000F29C3B000000000060AD970000000000D334C301000000009148CE02000000003F1E96000000000022E8F0000000000070BB1A00000000006D9AA10000000000C5886F00000000007CFFDA0000000000B8A84F000000000060930400000000009E12030000000000EE8A8F00000000000AD0190000000000B606D90000000000B374260000000000FDC37600000000006EF4000000000000992CB900000000007EDBB90000000000C2209B0000000000','{"lang": "en", "anchors": ["cities", "citizens", "city", "city:shiraz", "communication", "e-government", "ent:eskandapour", "ent:ict", "ent:kyong-yul lee", "ent:sg", "ent:shiraz", "ent:smart city and environment", "ent:smart city infrastructures", "ent:wego", "environment", "executive", "general", "ict", "infrastructures", "kyong-yul", "lee", "mayor", "name:kyong-yul lee", "name:secretary general", "name:smart city", "name:smart city infrastructures", "name:smart sustainable cities organizations", "name:wego executive", "name:wego sg", "num:200", "organizations", "secretary", "sg", "smart", "sustainable", "wego", "year:2010", "year:2018"], "lead_places": ["city:shiraz"], "lead_names": ["eskandapour", "kyong-yul lee", "secretary general", "wego sg"], "lead_years": [], "english": {"shiraz": 7, "mayor": 4, "meet": 1, "wego": 9, "secretary": 2, "general": 2, "eskandapour": 5, "discussed": 1, "issue": 2, "related": 2, "smart": 7, "sustainable": 2, "citie": 9, "online": 1, "kyong-yul": 3, "lee": 3, "referred": 1, "diplomatic": 1, "background": 2, "said": 2, "provide": 1, "opportunity": 1, "encourage": 1, "transform": 1, "subsequently": 1, "improve": 1, "quality": 1, "life": 1, "added": 1, "joined": 2, "actively": 1, "cooperated": 1, "organization": 3, "line": 2, "objective": 1, "considered": 1, "establishment": 1, "regional": 1, "office": 1, "good": 2, "measure": 1, "decentralize": 1, "system": 1, "share": 2, "knowledge": 1, "member": 2, "continued": 2, "taken": 1, "help": 1, "transfer": 1, "like": 3, "propose": 1, "creation": 1, "thematic": 3, "group": 3, "joining": 1, "experience": 1, "idea": 2, "organize": 1, "specialized": 3, "event": 1, "trigger": 1, "initiative": 1, "focu": 1, "detailed": 1, "challenge": 1, "forth": 2, "ict": 1, "city": 4, "infrastructure": 1, "environment": 1, "e-government": 1, "communication": 1, "citizen": 1, "appreciated": 1, "attempt": 1, "management": 1, "enhance": 1, "development": 1, "surely": 1, "consider": 1, "proposal": 1, "partie": 1, "staff": 1, "touch": 1, "discus": 1, "come": 1, "concrete": 1, "practical": 2, "model": 1, "forthcoming": 1, "month": 1, "executive": 1, "board": 1, "meeting": 1, "conference": 2, "held": 1, "invite": 1, "participate": 1, "believe": 1, "inspiring": 1, "acces": 1, "established": 1, "institute": 1, "worldwide": 1}, "length": 1977, "lead_terms": ["city:shiraz", "general", "kyong-yul", "lee", "mayor", "secretary", "sg", "wego"], "lead_dates": []}');
CREATE TABLE "story_members" (
   "article_id" TEXT PRIMARY KEY,
   "story_id" INTEGER REFERENCES "stories"("id"),
   "method" TEXT,
   "score" REAL,
   "added" TEXT,
   "pinned" INTEGER
);
INSERT INTO "story_members" VALUES('9bdec4d63fbf53edb71b',1,'new',1.0,'2026-11-30T13:53:15+00:00',0);
INSERT INTO "story_members" VALUES('30ea29f1418aefdb8c13',1,'cross-language',0.5795,'2026-11-30T13:53:15+00:00',0);
INSERT INTO "story_members" VALUES('16c50c2208130cf8d050',2,'new',1.0,'2026-11-30T13:53:15+00:00',0);
CREATE TABLE story_terms (anchor TEXT PRIMARY KEY, df INTEGER NOT NULL);
INSERT INTO "story_terms" VALUES('city:abuja',2);
INSERT INTO "story_terms" VALUES('federighi',2);
INSERT INTO "story_terms" VALUES('general',2);
INSERT INTO "story_terms" VALUES('name:latin america',1);
INSERT INTO "story_terms" VALUES('ent:the seoul ambassadors’ spouses association',1);
INSERT INTO "story_terms" VALUES('ent:abuja',2);
INSERT INTO "story_terms" VALUES('name:middle east',2);
INSERT INTO "story_terms" VALUES('ent:latin america',2);
INSERT INTO "story_terms" VALUES('assembly',2);
INSERT INTO "story_terms" VALUES('name:ambassadors spouses association',1);
INSERT INTO "story_terms" VALUES('name:united arab emirates',1);
INSERT INTO "story_terms" VALUES('africa',2);
INSERT INTO "story_terms" VALUES('ent:middle east',2);
INSERT INTO "story_terms" VALUES('asas',2);
INSERT INTO "story_terms" VALUES('ent:mediterranean',2);
INSERT INTO "story_terms" VALUES('turkey',2);
INSERT INTO "story_terms" VALUES('num:82',2);
INSERT INTO "story_terms" VALUES('secretariat',1);
INSERT INTO "story_terms" VALUES('city:abu dhabi',2);
INSERT INTO "story_terms" VALUES('beyoglu',2);
INSERT INTO "story_terms" VALUES('america',2);
INSERT INTO "story_terms" VALUES('chaba',2);
INSERT INTO "story_terms" VALUES('ent:almaty',2);
INSERT INTO "story_terms" VALUES('name:smart city prize',1);
INSERT INTO "story_terms" VALUES('ent:kazakhstan',2);
INSERT INTO "story_terms" VALUES('ent:east asia',2);
INSERT INTO "story_terms" VALUES('ent:united arab emirates',2);
INSERT INTO "story_terms" VALUES('e-governments',1);
INSERT INTO "story_terms" VALUES('name:north africa',1);
INSERT INTO "story_terms" VALUES('world',1);
INSERT INTO "story_terms" VALUES('korea',2);
INSERT INTO "story_terms" VALUES('association',1);
INSERT INTO "story_terms" VALUES('champions',1);
INSERT INTO "story_terms" VALUES('name:central asia',2);
INSERT INTO "story_terms" VALUES('ent:south korea',2);
INSERT INTO "story_terms" VALUES('num:50',2);
INSERT INTO "story_terms" VALUES('name:smart sustainable city champions',1);
INSERT INTO "story_terms" VALUES('ent:africa',2);
INSERT INTO "story_terms" VALUES('num:9169',2);
INSERT INTO "story_terms" VALUES('name:world e-governments organization',1);
INSERT INTO "story_terms" VALUES('ent:cuenca',2);
INSERT INTO "story_terms" VALUES('year:2024',2);
INSERT INTO "story_terms" VALUES('smart',3);
INSERT INTO "story_terms" VALUES('china',2);
INSERT INTO "story_terms" VALUES('nigeria',2);
INSERT INTO "story_terms" VALUES('ambassadors',1);
INSERT INTO "story_terms" VALUES('mediterranean',2);
INSERT INTO "story_terms" VALUES('ent:chengdu',2);
INSERT INTO "story_terms" VALUES('arab',2);
INSERT INTO "story_terms" VALUES('central',2);
INSERT INTO "story_terms" VALUES('name:chaba rhuwanya mavura',2);
INSERT INTO "story_terms" VALUES('name:vice president',1);
INSERT INTO "story_terms" VALUES('mavura',2);
INSERT INTO "story_terms" VALUES('spouses',1);
INSERT INTO "story_terms" VALUES('ent:nigeria',2);
INSERT INTO "story_terms" VALUES('num:11',2);
INSERT INTO "story_terms" VALUES('name:natalia federighi',2);
INSERT INTO "story_terms" VALUES('ent:beyoglu',2);
INSERT INTO "story_terms" VALUES('north',2);
INSERT INTO "story_terms" VALUES('east',2);
INSERT INTO "story_terms" VALUES('prize',1);
INSERT INTO "story_terms" VALUES('organization',1);
INSERT INTO "story_terms" VALUES('ent:seoul',2);
INSERT INTO "story_terms" VALUES('ent:central asia',2);
INSERT INTO "story_terms" VALUES('city:seoul',2);
INSERT INTO "story_terms" VALUES('year:2017',2);
INSERT INTO "story_terms" VALUES('name:world smart sustainable cities organization',1);
INSERT INTO "story_terms" VALUES('ppp',2);
INSERT INTO "story_terms" VALUES('vice',1);
INSERT INTO "story_terms" VALUES('ent:abu dhabi',2);
INSERT INTO "story_terms" VALUES('sustainable',2);
INSERT INTO "story_terms" VALUES('danabaev',1);
INSERT INTO "story_terms" VALUES('ent:wego',3);
INSERT INTO "story_terms" VALUES('city',3);
INSERT INTO "story_terms" VALUES('city:almaty',2);
INSERT INTO "story_terms" VALUES('cities',2);
INSERT INTO "story_terms" VALUES('ent:rhuwanya mavura',2);
INSERT INTO "story_terms" VALUES('ent:north africa',2);
INSERT INTO "story_terms" VALUES('natalia',2);
INSERT INTO "story_terms" VALUES('ent:general assembly',1);
INSERT INTO "story_terms" VALUES('contact',1);
INSERT INTO "story_terms" VALUES('num:70',2);
INSERT INTO "story_terms" VALUES('name:wego secretariat',1);
INSERT INTO "story_terms" VALUES('city:chengdu',2);
INSERT INTO "story_terms" VALUES('united',1);
INSERT INTO "story_terms" VALUES('latin',1);
INSERT INTO "story_terms" VALUES('rhuwanya',2);
INSERT INTO "story_terms" VALUES('kazakhstan',2);
INSERT INTO "story_terms" VALUES('ent:china',2);
INSERT INTO "story_terms" VALUES('ent:natalia federighi',2);
INSERT INTO "story_terms" VALUES('name:general assembly',1);
INSERT INTO "story_terms" VALUES('ent:ecuador',2);
INSERT INTO "story_terms" VALUES('year:2010',3);
INSERT INTO "story_terms" VALUES('name:east asia',1);
INSERT INTO "story_terms" VALUES('wego',3);
INSERT INTO "story_terms" VALUES('kakim',2);
INSERT INTO "story_terms" VALUES('name:kakim danabaev',1);
INSERT INTO "story_terms" VALUES('president',1);
INSERT INTO "story_terms" VALUES('emirates',1);
INSERT INTO "story_terms" VALUES('ecuador',2);
INSERT INTO "story_terms" VALUES('city:cuenca',2);
INSERT INTO "story_terms" VALUES('asia',2);
INSERT INTO "story_terms" VALUES('middle',2);
INSERT INTO "story_terms" VALUES('num:4202',2);
INSERT INTO "story_terms" VALUES('emirats',1);
INSERT INTO "story_terms" VALUES('name:wego serves',1);
INSERT INTO "story_terms" VALUES('press',1);
INSERT INTO "story_terms" VALUES('num:12',1);
INSERT INTO "story_terms" VALUES('roast',1);
INSERT INTO "story_terms" VALUES('moyen-orient',1);
INSERT INTO "story_terms" VALUES('turquie',1);
INSERT INTO "story_terms" VALUES('name:wego expects',1);
INSERT INTO "story_terms" VALUES('name:wego has',1);
INSERT INTO "story_terms" VALUES('name:wego and roast',1);
INSERT INTO "story_terms" VALUES('ent:turkiye',1);
INSERT INTO "story_terms" VALUES('danabaiev',1);
INSERT INTO "story_terms" VALUES('has',1);
INSERT INTO "story_terms" VALUES('ent:asas',1);
INSERT INTO "story_terms" VALUES('and',1);
INSERT INTO "story_terms" VALUES('equateur',1);
INSERT INTO "story_terms" VALUES('serves',1);
INSERT INTO "story_terms" VALUES('asie',1);
INSERT INTO "story_terms" VALUES('ent:association des conjoints des ambassadeurs de seoul',1);
INSERT INTO "story_terms" VALUES('nord',1);
INSERT INTO "story_terms" VALUES('ent:kakim danabaiev',1);
INSERT INTO "story_terms" VALUES('afrique',1);
INSERT INTO "story_terms" VALUES('ent:association des conjoints d''ambassadeurs de seoul',1);
INSERT INTO "story_terms" VALUES('coree',1);
INSERT INTO "story_terms" VALUES('assemblee',1);
INSERT INTO "story_terms" VALUES('chine',1);
INSERT INTO "story_terms" VALUES('name:emirats arab',1);
INSERT INTO "story_terms" VALUES('name:smart city',2);
INSERT INTO "story_terms" VALUES('name:wego converses',1);
INSERT INTO "story_terms" VALUES('presse',1);
INSERT INTO "story_terms" VALUES('name:kakim danabaiev',1);
INSERT INTO "story_terms" VALUES('converses',1);
INSERT INTO "story_terms" VALUES('mediterranee',1);
INSERT INTO "story_terms" VALUES('ent:assemblee generale',1);
INSERT INTO "story_terms" VALUES('expects',1);
INSERT INTO "story_terms" VALUES('num:200',1);
INSERT INTO "story_terms" VALUES('ent:kyong-yul lee',1);
INSERT INTO "story_terms" VALUES('mayor',1);
INSERT INTO "story_terms" VALUES('name:smart sustainable cities organizations',1);
INSERT INTO "story_terms" VALUES('name:wego sg',1);
INSERT INTO "story_terms" VALUES('year:2018',1);
INSERT INTO "story_terms" VALUES('communication',1);
INSERT INTO "story_terms" VALUES('kyong-yul',1);
INSERT INTO "story_terms" VALUES('ent:shiraz',1);
INSERT INTO "story_terms" VALUES('ent:smart city infrastructures',1);
INSERT INTO "story_terms" VALUES('executive',1);
INSERT INTO "story_terms" VALUES('e-government',1);
INSERT INTO "story_terms" VALUES('name:secretary general',1);
INSERT INTO "story_terms" VALUES('sg',1);
INSERT INTO "story_terms" VALUES('ent:sg',1);
INSERT INTO "story_terms" VALUES('secretary',1);
INSERT INTO "story_terms" VALUES('environment',1);
INSERT INTO "story_terms" VALUES('infrastructures',1);
INSERT INTO "story_terms" VALUES('ent:eskandapour',1);
INSERT INTO "story_terms" VALUES('name:kyong-yul lee',1);
INSERT INTO "story_terms" VALUES('city:shiraz',1);
INSERT INTO "story_terms" VALUES('name:smart city infrastructures',1);
INSERT INTO "story_terms" VALUES('citizens',1);
INSERT INTO "story_terms" VALUES('organizations',1);
INSERT INTO "story_terms" VALUES('ent:smart city and environment',1);
INSERT INTO "story_terms" VALUES('ict',1);
INSERT INTO "story_terms" VALUES('lee',1);
INSERT INTO "story_terms" VALUES('name:wego executive',1);
INSERT INTO "story_terms" VALUES('ent:ict',1);
CREATE TABLE "translate_glossary_state" (
   "pair" TEXT PRIMARY KEY,
   "version" TEXT,
   "entries" TEXT,
   "updated_at" TEXT
);
CREATE TABLE "translation_cache" (
   "key" TEXT PRIMARY KEY,
   "source_lang" TEXT,
   "target" TEXT,
   "engine" TEXT,
   "text" TEXT,
   "translation" TEXT,
   "created" TEXT
);
CREATE TABLE "translations" (
   "article_id" TEXT,
   "target" TEXT,
   "source_lang" TEXT,
   "title" TEXT,
   "summary" TEXT,
   "text" TEXT,
   "engine" TEXT,
   "status" TEXT,
   "message" TEXT,
   "glossary_violations" INTEGER,
   "glossary_details" TEXT,
   "glossary_version" TEXT,
   "model_version" TEXT,
   "content_hash" TEXT,
   "updated_at" TEXT,
   "edited_by" TEXT,
   PRIMARY KEY ("article_id", "target")
);
INSERT INTO "translations" VALUES('16c50c2208130cf8d050','en','en','Shiraz Mayor meets WeGO secretary General','','Eskandapour, Shiraz Mayor, discussed issues related to smart sustainable cities online with Kyong-Yul Lee, the Secretary General (SG) of the WeGO. Eskandapour referred to the diplomatic background of WeGO SG and said “your background provides the WeGO with an opportunity to encourage cities to transform to the smart cities and to subsequently improve the quality of life. ”
Eskandapour also added “Shiraz has joined WeGO since 2018. Since then, Shiraz has actively cooperated with this organization in the line of its objectives.”
Eskandapour considered the establishment of regional offices by WeGO a good measure to decentralize the system and share knowledge among member cities. He, then, continued “it has been taken to help cities transfer to smart cities. However, I would like to propose the creation of some thematic groups joining which member cities can share experiences and ideas as well as organize the related specialized events. These thematic groups can trigger more specialized initiatives which focus on detailed and specialized challenges.”
Shiraz Mayor put forth some thematic groups like ICT and Smart City Infrastructures, Smart City and Environment, e-Government and Communication with Citizens.
Eskandapour also appreciated the attempts made by the WeGO under the management of Kyong-Yul Lee to enhance the smart city development.
Kyong-Yul Lee said we will surely consider the proposal put forth the Shiraz mayor. In this line, both parties’ staff will be in touch and discuss the issue to come to a more concrete and practical model.” He, continued “in the forthcoming month, WeGO Executive board meeting and conference will be held. I would like to invite you to participate in conference. I believe it will be inspiring and the city of Shiraz will have access to some good practical ideas.”
The Smart Sustainable Cities Organizations (WeGO) was established in 2010 and 200 cities, organizations and institutes worldwide have joined it since then.','none','same-language','',0,NULL,NULL,NULL,'36f2d9b27328cd1cae901e13d03ef0e43b5fdeb50c083d9bae4ee2c45ab69fb1','2026-11-30T13:52:41+00:00',NULL);
INSERT INTO "translations" VALUES('30ea29f1418aefdb8c13','en','fr','WeGO and ASAS sign an agreement (edited)',NULL,'Edited by an editor.

Second paragraph.','editor','ok',NULL,0,NULL,'none','apertium:fr-es+spa-eng:fc97006c','16ad8670d8af762ad349cd7a5f8130150c77bbb8c9125d92df0855484e6cee40','2026-11-30T13:53:30+00:00','Ana');
INSERT INTO "translations" VALUES('9bdec4d63fbf53edb71b','en','en','WeGO Discusses Collaboration Opportunities with the Seoul Ambassadors’ Spouses Association','','Seoul, July 11, 2024 - On July 11, WeGO welcomed two representatives of the Seoul Ambassadors’ Spouses Association (ASAS) to the WeGO office: Natalia Federighi, President of ASAS, and Chaba Rhuwanya Mavura, Vice President of ASAS.
The ASAS representatives expressed keen interest in WeGO’s programs and in the way WeGO works with its members and partners around the world. The two organizations underlined the importance of focusing on socially neglected groups in smart city development. WeGO and ASAS explored potential areas of cooperation, particularly women’s empowerment and inclusive approaches in smart city solutions. ASAS showed particular interest in WeGO’s Smart Sustainable City Champions program and the Seoul Smart City Prize initiative, which will be shared within its network for further cooperation.
The Seoul Ambassadors’ Spouses Association (ASAS) is made up of the spouses of ambassadors posted in Seoul. The association engages in various charitable and cultural activities in Korea, including fundraising for schools for the disabled and the blind, holding charity bazaars and organizing educational outings. ASAS members also take part in volunteer activities such as health-related initiatives, talent donations through art exhibitions and interpretation services for international patients. They meet regularly to plan and discuss activities that have a positive impact on the local community.
This meeting marks an important step in WeGO’s ongoing efforts to foster global partnerships and advance its mission of creating smart, inclusive and sustainable urban environments. WeGO looks forward to the potential outcomes of this engagement and the possibility of deeper collaboration with ASAS to enhance smart city initiatives worldwide.
About WeGO
The World Smart Sustainable Cities Organization (WeGO) is an international association of local governments, smart tech solution providers and institutions committed to transforming cities into smart sustainable cities by facilitating public-private partnerships (PPP). WeGO was founded by 50 member cities in 2010 as the World e-Governments Organization, hence our acronym. In response to the evolving concept of smart cities, WeGO expanded its vision and mandate at the 7th General Assembly (2017), and its name to the World Smart Sustainable Cities Organization. The WeGO Secretariat is based in Seoul, Korea, and has regional offices in East Asia (Chengdu, China), the Mediterranean (Beyoglu, Turkey), Africa (Abuja, Nigeria), the Middle East and North Africa (Abu Dhabi, United Arab Emirates), Latin America (Cuenca, Ecuador) and Central Asia (Almaty, Kazakhstan). As a leading platform on smart city development, WeGO’s mission is to share knowledge and best practices in e-governance; strengthen administrative efficiency and transparency; advance digital capacity; facilitate civic engagement; reduce the digital divide and inequalities; and promote solidarity cooperation among cities and local governments around the world.
WeGO serves its members as an international platform to improve quality of life, innovate public service delivery and strengthen regional competitiveness.
Press Contact:
Name: Kakim Danabaev
Email: kakim@we-gov.org
Phone: +82-70-4202-9169','none','same-language','',0,NULL,NULL,NULL,'9ec0cb6138a5becf3cba63f57e91f13e5ddb72f006fd054c44de9055e9754160','2026-11-30T13:52:41+00:00',NULL);
CREATE UNIQUE INDEX "idx_fetches_run_id_source"
    ON "fetches" ("run_id", "source");
CREATE INDEX "idx_articles_source"
    ON "articles" ("source");
CREATE INDEX "idx_articles_content_hash"
    ON "articles" ("content_hash");
CREATE INDEX "idx_articles_canonical_url"
    ON "articles" ("canonical_url");
CREATE INDEX "idx_entities_article_id"
    ON "entities" ("article_id");
CREATE INDEX "idx_entities_canonical"
    ON "entities" ("canonical");
CREATE INDEX "idx_officials_article_id"
    ON "officials" ("article_id");
CREATE INDEX "idx_story_members_story_id"
    ON "story_members" ("story_id");
CREATE INDEX story_bands_band ON story_bands (band);
CREATE INDEX story_bands_article ON story_bands (article_id);
CREATE INDEX story_anchors_anchor_day ON story_anchors (anchor, day);
CREATE INDEX story_anchors_article ON story_anchors (article_id);
COMMIT;
