"""Word pools for the generated register: realistic bilingual names, roles and titles (all fictional people)."""

# The most common Chinese family names with their pinyin.
FAMILY_NAMES_ZH = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"),
    ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"),
    ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"), ("罗", "Luo"), ("高", "Gao"), ("郑", "Zheng"),
    ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"), ("唐", "Tang"), ("许", "Xu"), ("邓", "Deng"), ("冯", "Feng"),
    ("韩", "Han"), ("曹", "Cao"), ("曾", "Zeng"), ("彭", "Peng"), ("萧", "Xiao"), ("蔡", "Cai"), ("潘", "Pan"),
    ("田", "Tian"), ("董", "Dong"), ("袁", "Yuan"), ("于", "Yu"), ("余", "Yu"), ("叶", "Ye"), ("蒋", "Jiang"),
    ("杜", "Du"), ("苏", "Su"), ("魏", "Wei"), ("程", "Cheng"), ("吕", "Lü"), ("丁", "Ding"), ("沈", "Shen"),
    ("任", "Ren"), ("姚", "Yao"), ("卢", "Lu"), ("钟", "Zhong"), ("姜", "Jiang"), ("崔", "Cui"), ("谭", "Tan"),
    ("廖", "Liao"), ("范", "Fan"), ("汪", "Wang"), ("陆", "Lu"), ("金", "Jin"), ("石", "Shi"), ("戴", "Dai"),
    ("贾", "Jia"), ("韦", "Wei"), ("夏", "Xia"), ("邱", "Qiu"), ("方", "Fang"), ("侯", "Hou"), ("邹", "Zou"),
    ("熊", "Xiong"), ("孟", "Meng"), ("秦", "Qin"), ("白", "Bai"), ("江", "Jiang"), ("阎", "Yan"), ("薛", "Xue"),
    ("尹", "Yin"), ("段", "Duan"), ("雷", "Lei"), ("黎", "Li"), ("史", "Shi"), ("龙", "Long"), ("欧阳", "Ouyang"),
]  # fmt: skip

# Characters common in given names, with their pinyin.
GIVEN_CHARS_ZH = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
    ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"),
    ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("桂", "gui"), ("英", "ying"), ("华", "hua"), ("玉", "yu"), ("萍", "ping"), ("红", "hong"), ("鹏", "peng"),
    ("辉", "hui"), ("晓", "xiao"), ("燕", "yan"), ("建", "jian"), ("文", "wen"), ("志", "zhi"), ("海", "hai"),
    ("林", "lin"), ("佳", "jia"), ("欣", "xin"), ("宇", "yu"), ("浩", "hao"), ("婷", "ting"), ("雪", "xue"),
    ("慧", "hui"), ("俊", "jun"), ("思", "si"), ("嘉", "jia"), ("颖", "ying"), ("琳", "lin"), ("晨", "chen"),
    ("博", "bo"), ("子", "zi"), ("涵", "han"), ("睿", "rui"), ("航", "hang"), ("瑞", "rui"), ("凯", "kai"),
    ("冰", "bing"), ("峰", "feng"), ("毅", "yi"), ("倩", "qian"), ("琪", "qi"), ("悦", "yue"), ("宁", "ning"),
]  # fmt: skip

ENGLISH_FAMILY_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel",
    "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander",
    "Morgan", "Moore", "Scott", "Turner", "Hughes", "Edwards", "Harris", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "King", "Baker", "Harrison", "Campbell", "Kaur", "Ali", "Singh", "Murphy", "Kelly", "Price",
    "Bennett", "Griffiths", "Lloyd", "Owen", "Marsh", "Fletcher", "Begum", "Ahmed", "Chapman", "Reid",
]  # fmt: skip
ENGLISH_GIVEN_NAMES = [
    "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William", "James",
    "Amelia", "Olivia", "Isla", "Emily", "Poppy", "Ava", "Isabella", "Jessica", "Lily", "Sophie", "Grace",
    "Sarah", "Helen", "Rachel", "Claire", "Emma", "Laura", "David", "Richard", "Michael", "Andrew", "Mark",
    "Paul", "Peter", "Simon", "Catherine", "Elizabeth", "Hannah", "Priya", "Aisha", "Mei", "Yan", "Wei",
]  # fmt: skip
TITLES = ["Prof.", "Dr", "Dr", "Dr", "Ms", "Mr", "", "", ""]

ROLES = [
    ("Professor", "教授"), ("Associate Professor", "副教授"), ("Lecturer", "讲师"), ("Research Fellow", "研究员"),
    ("Director, International Office", "国际合作与交流处处长"), ("Deputy Director", "副主任"),
    ("Vice-President", "副校长"), ("Dean", "院长"), ("Head of Department", "系主任"), ("Project Manager", "项目经理"),
    ("Chief Engineer", "总工程师"), ("R&D Manager", "研发经理"), ("Programme Officer", "项目主管"),
    ("PhD Supervisor", "博士生导师"), ("Chief Physician", "主任医师"), ("Postdoctoral Researcher", "博士后"),
]  # fmt: skip
DEPARTMENTS = [
    "School of Medicine", "School of Environmental Science and Engineering", "School of Electric Power",
    "School of Mechanical and Automotive Engineering", "School of Materials Science", "International Office",
    "Graduate School", "Office of Science and Technology", "School of Chemistry", "School of Computer Science",
    "Department of Cardiology", "Department of Oncology", "Technology Transfer Office", "School of Business",
    "Institute of Energy", "Key Laboratory of Advanced Manufacturing", "Department of Public Health",
]  # fmt: skip

COMPANY_WORDS = [
    ("Huanan", "华南"), ("Lingnan", "岭南"), ("Yuexiu", "越秀"), ("Tianhe", "天河"), ("Nansha", "南沙"),
    ("Huangpu", "黄埔"), ("Baiyun", "白云"), ("Panyu", "番禺"), ("Haizhu", "海珠"), ("Zhujiang", "珠江"),
    ("Yangcheng", "羊城"), ("Suihua", "穗华"), ("Xinghe", "星河"), ("Jinhong", "金鸿"), ("Ruida", "瑞达"),
    ("Hengtai", "恒泰"), ("Zhongke", "中科"), ("Yuehai", "粤海"), ("Guangshen", "广深"), ("Wanli", "万里"),
]  # fmt: skip
COMPANY_SECTORS = [
    ("Biotechnology", "生物科技"), ("Medical Devices", "医疗器械"), ("New Energy", "新能源"),
    ("Environmental Technology", "环保科技"), ("Intelligent Manufacturing", "智能制造"), ("Pharmaceutical", "医药"),
    ("Power Equipment", "电力设备"), ("Materials", "新材料"), ("Robotics", "机器人"), ("Water Treatment", "水处理"),
    ("Battery Technology", "电池科技"), ("Precision Machinery", "精密机械"), ("Digital Health", "数字健康"),
]  # fmt: skip

TOPICS = [
    ("integrated energy systems", "综合能源系统"), ("hydrogen storage", "储氢"), ("smart grids", "智能电网"),
    ("cancer immunotherapy", "肿瘤免疫治疗"), ("air quality", "空气质量"), ("wastewater treatment", "污水处理"),
    ("additive manufacturing", "增材制造"), ("robotic surgery", "机器人手术"), ("battery recycling", "电池回收"),
    ("cardiovascular imaging", "心血管影像"), ("soil remediation", "土壤修复"), ("digital twins", "数字孪生"),
    ("antimicrobial resistance", "抗微生物药物耐药性"), ("offshore wind", "海上风电"), ("rail electrification", "轨道电气化"),
    ("joint PhD supervision", "联合培养博士"), ("summer school", "暑期学校"), ("staff development", "教师发展"),
    ("English-taught programmes", "英文授课项目"), ("technology licensing", "技术许可"),
]  # fmt: skip
INTERACTION_TITLES = [
    "Meeting on {topic}", "Visit to discuss {topic}", "Delegation on {topic}", "Workshop: {topic}",
    "Call about {topic}", "Follow-up on {topic}", "Seminar on {topic}", "Site visit: {topic}",
    "{topic}: proposal discussion", "{topic}: progress review",
]  # fmt: skip
LOCATIONS = ["Guangzhou", "Birmingham", "Online", "Shenzhen", "Foshan", "Tianhe, Guangzhou", "Nansha, Guangzhou", ""]
NOTES = [
    "Both sides agreed to exchange draft proposals before the end of the month.",
    "双方同意在月底前交换项目建议书草稿。",
    "The partner asked for a list of PhD supervisors in the relevant schools.",
    "对方希望了解相关学院的博士生导师名单。",
    "Funding call expected in spring; the college lead will coordinate.",
    "Discussed a joint laboratory and possible visiting scholars next year.",
    "讨论了共建联合实验室以及明年互派访问学者的可能性。",
    "",
]
AGREEMENT_TITLES = [
    ("Memorandum of understanding with {org}", "与{org_zh}合作备忘录"),
    ("Framework agreement on {topic}", "关于{topic_zh}的框架协议"),
    ("Research collaboration agreement: {topic}", "科研合作协议：{topic_zh}"),
    ("Student exchange agreement with {org}", "与{org_zh}学生交流协议"),
    ("Joint PhD programme agreement", "联合培养博士项目协议"),
    ("Data sharing agreement: {topic}", "数据共享协议：{topic_zh}"),
    ("Amendment to the collaboration agreement", "合作协议补充协议"),
]  # fmt: skip
OBLIGATIONS = [
    "Annual progress report", "Steering committee meeting", "Student quota review", "Financial statement",
    "Publication plan", "Data management plan update",
]  # fmt: skip
