/**
 * Countries with more than one clock: the zone of each region, by ISO 3166-2 subdivision code
 * (without the country prefix) and by name. States split between zones get the zone where most of
 * their people live (Florida → New York, Texas → Chicago).
 */
export interface RegionalZones {
  /** The zone of every region not listed; absent when no single zone is a fair guess. */
  otherwise?: string;
  zones: Record<string /* zone */, string[] /* region codes and names */>;
}

export const regionTimezones: Record<string, RegionalZones> = {
  US: {
    zones: {
      'America/New_York': [
        'CT', 'Connecticut', 'DE', 'Delaware', 'DC', 'District of Columbia', 'Washington DC', 'FL', 'Florida',
        'GA', 'Georgia', 'IN', 'Indiana', 'KY', 'Kentucky', 'ME', 'Maine', 'MD', 'Maryland', 'MA', 'Massachusetts',
        'MI', 'Michigan', 'NH', 'New Hampshire', 'NJ', 'New Jersey', 'NY', 'New York', 'NC', 'North Carolina',
        'OH', 'Ohio', 'PA', 'Pennsylvania', 'RI', 'Rhode Island', 'SC', 'South Carolina', 'VT', 'Vermont',
        'VA', 'Virginia', 'WV', 'West Virginia',
      ],
      'America/Chicago': [
        'AL', 'Alabama', 'AR', 'Arkansas', 'IL', 'Illinois', 'IA', 'Iowa', 'KS', 'Kansas', 'LA', 'Louisiana',
        'MN', 'Minnesota', 'MS', 'Mississippi', 'MO', 'Missouri', 'NE', 'Nebraska', 'ND', 'North Dakota',
        'OK', 'Oklahoma', 'SD', 'South Dakota', 'TN', 'Tennessee', 'TX', 'Texas', 'WI', 'Wisconsin',
      ],
      'America/Denver': ['CO', 'Colorado', 'ID', 'Idaho', 'MT', 'Montana', 'NM', 'New Mexico', 'UT', 'Utah', 'WY', 'Wyoming'],
      // Arizona keeps standard time all year (Denver's zone would be wrong half the year).
      'America/Phoenix': ['AZ', 'Arizona'],
      'America/Los_Angeles': ['CA', 'California', 'NV', 'Nevada', 'OR', 'Oregon', 'WA', 'Washington'],
      'America/Anchorage': ['AK', 'Alaska'],
      'Pacific/Honolulu': ['HI', 'Hawaii'],
      'America/Puerto_Rico': ['PR', 'Puerto Rico'],
      'America/St_Thomas': ['VI', 'Virgin Islands', 'US Virgin Islands'],
      'Pacific/Guam': ['GU', 'Guam'],
      'Pacific/Pago_Pago': ['AS', 'American Samoa'],
      'Pacific/Saipan': ['MP', 'Northern Mariana Islands'],
    },
  },
  CA: {
    zones: {
      'America/Vancouver': ['BC', 'British Columbia'],
      'America/Edmonton': ['AB', 'Alberta', 'NT', 'Northwest Territories'],
      // Saskatchewan keeps standard time all year.
      'America/Regina': ['SK', 'Saskatchewan'],
      'America/Winnipeg': ['MB', 'Manitoba'],
      'America/Toronto': ['ON', 'Ontario', 'QC', 'Quebec'],
      'America/Moncton': ['NB', 'New Brunswick'],
      'America/Halifax': ['NS', 'Nova Scotia', 'PE', 'Prince Edward Island'],
      'America/St_Johns': ['NL', 'Newfoundland and Labrador', 'Newfoundland'],
      'America/Whitehorse': ['YT', 'Yukon'],
      'America/Iqaluit': ['NU', 'Nunavut'],
    },
  },
  AU: {
    zones: {
      'Australia/Sydney': ['NSW', 'New South Wales', 'ACT', 'Australian Capital Territory'],
      'Australia/Melbourne': ['VIC', 'Victoria'],
      // Queensland has no daylight saving time, unlike its southern neighbours.
      'Australia/Brisbane': ['QLD', 'Queensland'],
      'Australia/Adelaide': ['SA', 'South Australia'],
      'Australia/Perth': ['WA', 'Western Australia'],
      'Australia/Hobart': ['TAS', 'Tasmania'],
      'Australia/Darwin': ['NT', 'Northern Territory'],
    },
  },
  BR: {
    zones: {
      'America/Sao_Paulo': [
        'SP', 'São Paulo', 'RJ', 'Rio de Janeiro', 'MG', 'Minas Gerais', 'ES', 'Espírito Santo', 'PR', 'Paraná',
        'SC', 'Santa Catarina', 'RS', 'Rio Grande do Sul', 'GO', 'Goiás', 'DF', 'Distrito Federal', 'Federal District',
      ],
      'America/Bahia': ['BA', 'Bahia'],
      'America/Fortaleza': ['CE', 'Ceará', 'MA', 'Maranhão', 'PI', 'Piauí', 'RN', 'Rio Grande do Norte', 'PB', 'Paraíba'],
      'America/Recife': ['PE', 'Pernambuco'],
      'America/Maceio': ['AL', 'Alagoas', 'SE', 'Sergipe'],
      'America/Belem': ['PA', 'Pará', 'AP', 'Amapá'],
      'America/Araguaina': ['TO', 'Tocantins'],
      'America/Campo_Grande': ['MS', 'Mato Grosso do Sul'],
      'America/Cuiaba': ['MT', 'Mato Grosso'],
      'America/Porto_Velho': ['RO', 'Rondônia'],
      'America/Boa_Vista': ['RR', 'Roraima'],
      'America/Manaus': ['AM', 'Amazonas'],
      'America/Rio_Branco': ['AC', 'Acre'],
    },
  },
  MX: {
    zones: {
      'America/Mexico_City': [
        'CMX', 'DIF', 'CDMX', 'Ciudad de México', 'Mexico City', 'MEX', 'Estado de México', 'México', 'JAL', 'Jalisco',
        'PUE', 'Puebla', 'GUA', 'Guanajuato', 'VER', 'Veracruz', 'MIC', 'Michoacán', 'OAX', 'Oaxaca', 'CHP', 'Chiapas',
        'GRO', 'Guerrero', 'HID', 'Hidalgo', 'QUE', 'Querétaro', 'MOR', 'Morelos', 'TAB', 'Tabasco',
        'SLP', 'San Luis Potosí', 'ZAC', 'Zacatecas', 'AGU', 'Aguascalientes', 'TLA', 'Tlaxcala', 'COL', 'Colima',
      ],
      'America/Monterrey': ['NLE', 'Nuevo León', 'COA', 'Coahuila', 'TAM', 'Tamaulipas', 'DUR', 'Durango'],
      'America/Merida': ['YUC', 'Yucatán', 'CAM', 'Campeche'],
      'America/Cancun': ['ROO', 'Quintana Roo'],
      'America/Mazatlan': ['SIN', 'Sinaloa', 'BCS', 'Baja California Sur', 'NAY', 'Nayarit'],
      'America/Hermosillo': ['SON', 'Sonora'],
      'America/Tijuana': ['BCN', 'Baja California'],
      'America/Chihuahua': ['CHH', 'Chihuahua'],
    },
  },
  ID: {
    zones: {
      'Asia/Jakarta': [
        'JK', 'Jakarta', 'DKI Jakarta', 'JB', 'West Java', 'Jawa Barat', 'JT', 'Central Java', 'Jawa Tengah',
        'JI', 'East Java', 'Jawa Timur', 'YO', 'Yogyakarta', 'BT', 'Banten', 'AC', 'Aceh', 'SU', 'North Sumatra',
        'Sumatera Utara', 'SB', 'West Sumatra', 'Sumatera Barat', 'SS', 'South Sumatra', 'Sumatera Selatan',
        'RI', 'Riau', 'KR', 'Riau Islands', 'Kepulauan Riau', 'JA', 'Jambi', 'BE', 'Bengkulu', 'LA', 'Lampung',
        'BB', 'Bangka Belitung', 'KB', 'West Kalimantan', 'Kalimantan Barat', 'KT', 'Central Kalimantan',
        'Kalimantan Tengah',
      ],
      'Asia/Makassar': [
        'BA', 'Bali', 'NB', 'West Nusa Tenggara', 'Nusa Tenggara Barat', 'NT', 'East Nusa Tenggara',
        'Nusa Tenggara Timur', 'KS', 'South Kalimantan', 'Kalimantan Selatan', 'KI', 'East Kalimantan',
        'Kalimantan Timur', 'KU', 'North Kalimantan', 'Kalimantan Utara', 'SN', 'South Sulawesi', 'Sulawesi Selatan',
        'SA', 'North Sulawesi', 'Sulawesi Utara', 'ST', 'Central Sulawesi', 'Sulawesi Tengah', 'SG',
        'Southeast Sulawesi', 'Sulawesi Tenggara', 'SR', 'West Sulawesi', 'Sulawesi Barat', 'GO', 'Gorontalo',
      ],
      'Asia/Jayapura': [
        'MA', 'Maluku', 'MU', 'North Maluku', 'Maluku Utara', 'PA', 'Papua', 'PB', 'West Papua', 'Papua Barat',
        'PD', 'Southwest Papua', 'PE', 'Highland Papua', 'PS', 'South Papua', 'PT', 'Central Papua',
      ],
    },
  },
  RU: {
    zones: {
      'Europe/Kaliningrad': ['KGD', 'Kaliningrad'],
      'Europe/Moscow': [
        'MOW', 'Moscow', 'MOS', 'Moscow Oblast', 'SPE', 'Saint Petersburg', 'LEN', 'Leningrad', 'TA', 'Tatarstan',
        'NIZ', 'Nizhny Novgorod', 'KDA', 'Krasnodar', 'ROS', 'Rostov', 'VOR', 'Voronezh', 'BEL', 'Belgorod',
        'YAR', 'Yaroslavl', 'TUL', 'Tula', 'VLA', 'Vladimir', 'KLU', 'Kaluga', 'TVE', 'Tver', 'RYA', 'Ryazan',
        'SMO', 'Smolensk', 'BRY', 'Bryansk', 'KRS', 'Kursk', 'ORL', 'Oryol', 'LIP', 'Lipetsk', 'TAM', 'Tambov',
        'PNZ', 'Penza', 'MO', 'Mordovia', 'CU', 'Chuvashia', 'ME', 'Mari El', 'KOS', 'Kostroma', 'IVA', 'Ivanovo',
        'VLG', 'Vologda', 'ARK', 'Arkhangelsk', 'NEN', 'Nenets', 'MUR', 'Murmansk', 'KR', 'Karelia', 'KO', 'Komi',
        'NGR', 'Novgorod', 'PSK', 'Pskov', 'STA', 'Stavropol', 'DA', 'Dagestan', 'CE', 'Chechnya', 'IN', 'Ingushetia',
        'KB', 'Kabardino-Balkaria', 'KC', 'Karachay-Cherkessia', 'SE', 'North Ossetia', 'AD', 'Adygea',
        'KL', 'Kalmykia',
      ],
      'Europe/Samara': ['SAM', 'Samara', 'UD', 'Udmurtia'],
      'Europe/Ulyanovsk': ['ULY', 'Ulyanovsk'],
      'Europe/Saratov': ['SAR', 'Saratov'],
      'Europe/Astrakhan': ['AST', 'Astrakhan'],
      'Europe/Volgograd': ['VGG', 'Volgograd'],
      'Europe/Kirov': ['KIR', 'Kirov'],
      'Asia/Yekaterinburg': [
        'SVE', 'Sverdlovsk', 'CHE', 'Chelyabinsk', 'PER', 'Perm', 'BA', 'Bashkortostan', 'ORE', 'Orenburg',
        'TYU', 'Tyumen', 'KGN', 'Kurgan', 'KHM', 'Khanty-Mansi', 'YAN', 'Yamalo-Nenets',
      ],
      'Asia/Omsk': ['OMS', 'Omsk'],
      'Asia/Novosibirsk': ['NVS', 'Novosibirsk'],
      'Asia/Tomsk': ['TOM', 'Tomsk'],
      'Asia/Barnaul': ['ALT', 'Altai Krai', 'AL', 'Altai Republic'],
      'Asia/Novokuznetsk': ['KEM', 'Kemerovo'],
      'Asia/Krasnoyarsk': ['KYA', 'Krasnoyarsk', 'KK', 'Khakassia', 'TY', 'Tuva'],
      'Asia/Irkutsk': ['IRK', 'Irkutsk', 'BU', 'Buryatia'],
      'Asia/Chita': ['ZAB', 'Zabaykalsky'],
      'Asia/Yakutsk': ['SA', 'Sakha', 'Yakutia', 'AMU', 'Amur'],
      'Asia/Vladivostok': ['PRI', 'Primorsky', 'KHA', 'Khabarovsk', 'YEV', 'Jewish Autonomous Oblast'],
      'Asia/Sakhalin': ['SAK', 'Sakhalin'],
      'Asia/Magadan': ['MAG', 'Magadan'],
      'Asia/Kamchatka': ['KAM', 'Kamchatka'],
      'Asia/Anadyr': ['CHU', 'Chukotka'],
    },
  },
  // Countries whose islands keep their own clock: the mainland zone unless the region says otherwise.
  ES: { otherwise: 'Europe/Madrid', zones: { 'Atlantic/Canary': ['CN', 'Canary Islands', 'Canarias'] } },
  PT: { otherwise: 'Europe/Lisbon', zones: { 'Atlantic/Azores': ['20', 'Azores', 'Açores'], 'Atlantic/Madeira': ['30', 'Madeira'] } },
  EC: { otherwise: 'America/Guayaquil', zones: { 'Pacific/Galapagos': ['W', 'Galápagos'] } },
  CL: { otherwise: 'America/Santiago', zones: { 'America/Punta_Arenas': ['MA', 'Magallanes'] } },
};
