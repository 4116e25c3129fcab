//! Word lists for demo customers: Indian names, business names and places.

pub const FIRST_NAMES: &[&str] = &[
    "Aarav", "Aditya", "Ajay", "Akash", "Amit", "Anand", "Aniket", "Anil", "Arjun", "Ashok", "Chetan",
    "Deepak", "Dinesh", "Ganesh", "Gaurav", "Harish", "Hemant", "Kiran", "Mahesh", "Manoj", "Milind",
    "Mukesh", "Nikhil", "Nitin", "Omkar", "Pankaj", "Pradeep", "Prakash", "Prasad", "Rahul", "Rajesh",
    "Rakesh", "Ravi", "Sachin", "Sagar", "Sandeep", "Santosh", "Sameer", "Shailesh", "Siddharth",
    "Suhas", "Sunil", "Suresh", "Tushar", "Vaibhav", "Vikram", "Vinay", "Vivek", "Yogesh", "Abhishek",
    "Aishwarya", "Anjali", "Anita", "Aparna", "Archana", "Ashwini", "Bhavana", "Deepa", "Divya",
    "Gauri", "Geeta", "Kavita", "Ketaki", "Madhuri", "Manisha", "Meena", "Mrunal", "Neha", "Nisha",
    "Pallavi", "Pooja", "Prajakta", "Priyanka", "Radhika", "Rashmi", "Rekha", "Rupali", "Sakshi",
    "Sangeeta", "Shilpa", "Shraddha", "Shruti", "Smita", "Sneha", "Sonali", "Sunita", "Swati",
    "Tanvi", "Uma", "Vaishali", "Varsha", "Vidya", "Farhan", "Imran", "Zoya", "Ayesha", "Joseph",
    "Maria", "Gurpreet", "Harpreet", "Lakshmi", "Venkatesh", "Karthik", "Ramya", "Hetal", "Jignesh",
];

pub const SURNAMES: &[&str] = &[
    "Deshpande", "Kulkarni", "Joshi", "Patil", "Pawar", "Jadhav", "Shinde", "Deshmukh", "Gokhale",
    "Apte", "Bhide", "Chavan", "Gaikwad", "Kale", "Kadam", "More", "Naik", "Paranjape", "Phadke",
    "Sathe", "Sawant", "Thakur", "Wagh", "Shah", "Mehta", "Patel", "Desai", "Parikh", "Sharma",
    "Verma", "Gupta", "Agarwal", "Jain", "Khanna", "Kapoor", "Malhotra", "Singh", "Reddy", "Rao",
    "Iyer", "Nair", "Menon", "Pillai", "Hegde", "Shetty", "Kamath", "Bhat", "Khan", "Shaikh",
    "Fernandes", "D'Souza", "Bose", "Mukherjee", "Banerjee", "Dutta", "Chatterjee", "Bhosale",
    "Mane", "Salunkhe", "Gadgil", "Karandikar", "Limaye", "Ranade", "Tilak",
];

pub const CAFE: &[&str] = &[
    "Chai Tapri", "Bean Street Café", "The Filter Coffee House", "Misal Junction", "Tandoor Tales",
    "Café Kothrud", "Brew & Bake", "Vada Pav Corner", "Spice Route Kitchen", "The Breakfast Club",
    "Green Leaf Veg Restaurant", "Biryani Darbar", "Idli Factory", "Pav Bhaji Point", "Cafe Monsoon",
    "Thali House", "Momo Mania", "The Chai Story", "Coastal Curry Co.", "Ruchi Family Restaurant",
];

pub const SWEETS: &[&str] = &[
    "Mithai Bhandar", "Sweets & Farsan", "Mishtan Bhandar", "Pedhewale", "Halwai", "Sweet Mart",
    "Dairy Sweets", "Bakers & Confectioners",
];

pub const SCHOOL: &[&str] = &[
    "Vidya Mandir", "International School", "English Medium School", "Public School",
    "Junior College", "Coaching Classes", "Academy", "Balak Mandir", "Montessori House",
];

pub const SCHOOL_NAMES: &[&str] = &[
    "Saraswati", "Dnyanprabodhini", "Bright Minds", "Little Stars", "Orchid", "Podar", "Vidyanjali",
    "Sahyadri", "Gurukul", "Jnana Deepa", "Sunrise", "Abhinav", "Kalpataru", "Navbharat",
];

pub const CLINIC: &[&str] = &[
    "Dental Clinic", "Eye Hospital", "Children's Clinic", "Physiotherapy Centre", "Diagnostics",
    "Skin & Hair Clinic", "Nursing Home", "Ayurveda Chikitsalaya", "Homeopathy Clinic", "Pathology Lab",
];

pub const REALTY: &[&str] = &["Realty", "Properties", "Developers", "Estate Consultants", "Infra", "Buildcon", "Homes"];

pub const EVENTS: &[&str] = &[
    "Events", "Wedding Planners", "Celebrations", "Decorators", "Event Management", "Shaadi Services",
    "Mandap Decorators",
];

pub const BOUTIQUE: &[&str] = &[
    "Boutique", "Sarees", "Fashion Studio", "Designer Wear", "Collections", "Ethnic Wear", "Jewellers",
    "Handlooms",
];

pub const STARTUP_WORDS: &[&str] = &[
    "Zippy", "Kiranly", "Tiffinwala", "Codecraft", "Farmlink", "Quickserve", "Skillbridge", "Ledgerly",
    "Greenbox", "Payvista", "Medisync", "Learnstack", "Rentify", "Shopkart", "Tripmate", "Cloudnine",
];

pub const STARTUP_SUFFIX: &[&str] = &["Technologies Pvt Ltd", "Labs", "Tech", "Solutions Pvt Ltd", "Ventures", "Digital"];

pub const CORP_WORDS: &[&str] = &[
    "Sahyadri", "Deccan", "Konkan", "Western", "Pioneer", "Precision", "Unity", "Supreme", "Shree Ganesh",
    "Mahalaxmi", "Omkar", "Trimurti", "Vishwa", "Sai", "Indus", "Pentagon", "Galaxy", "Prime",
];

pub const CORP_SUFFIX: &[&str] = &[
    "Engineering Pvt Ltd", "Auto Components", "Logistics", "Pharma Pvt Ltd", "Consultants", "Industries",
    "Infotech Pvt Ltd", "Insurance Services", "Chemicals Ltd", "Exports", "Traders", "Co-operative Bank",
    "Tours & Travels", "Electricals",
];

pub const TRUSTS: &[&str] = &[
    "Shri Ganesh Mandir Trust", "Shri Datta Mandir Trust", "Sai Seva Trust", "Shri Vitthal Rukmini Sanstha",
    "Jain Shwetambar Sangh", "Gurudwara Singh Sabha", "St. Mary's Parish", "Ganeshotsav Mandal",
    "Navratri Utsav Samiti", "Seva Sadan Charitable Trust", "Rotary Club", "Lions Club",
];

pub const BUILDINGS: &[&str] = &[
    "Shree Apartments", "Sai Heights", "Krishna Complex", "Ganga Residency", "Om Plaza", "Laxmi Niwas",
    "Business Bay", "Tech Park, Tower B", "Silver Oak Society", "Mangalmurti Complex", "Shivneri Arcade",
    "Gokul Chambers", "Sunshine Towers", "Vrindavan Society", "Kamdhenu Estate", "City Point",
];

/// (city, state code, PIN base, localities with PIN offsets, roads)
pub struct City {
    pub name: &'static str,
    pub state_code: &'static str,
    pub pin: u32,
    pub localities: &'static [(&'static str, u32)],
    pub roads: &'static [&'static str],
    /// Share of customers, in percent.
    pub weight: f64,
}

pub const CITIES: &[City] = &[
    City { name: "Pune", state_code: "27", pin: 411000, weight: 44.0,
        localities: &[("Kothrud", 38), ("Baner", 45), ("Aundh", 7), ("Viman Nagar", 14), ("Hadapsar", 28),
            ("Shivajinagar", 5), ("Kalyani Nagar", 6), ("Wakad", 57), ("Deccan Gymkhana", 4), ("Sadashiv Peth", 30),
            ("Camp", 1), ("Karve Nagar", 52), ("Pimpri", 18), ("Magarpatta", 13)],
        roads: &["FC Road", "JM Road", "Karve Road", "Paud Road", "Senapati Bapat Road", "Baner Road", "Nagar Road", "Laxmi Road"] },
    City { name: "Mumbai", state_code: "27", pin: 400000, weight: 17.0,
        localities: &[("Andheri East", 69), ("Bandra West", 50), ("Dadar", 14), ("Powai", 76), ("Lower Parel", 13),
            ("Borivali West", 92), ("Malad West", 64), ("Ghatkopar", 77), ("Vile Parle", 57), ("Fort", 1)],
        roads: &["Link Road", "SV Road", "LBS Marg", "Hill Road", "Station Road", "Linking Road"] },
    City { name: "Thane", state_code: "27", pin: 400600, weight: 5.0,
        localities: &[("Naupada", 2), ("Ghodbunder Road", 15), ("Vartak Nagar", 6), ("Kolshet", 7)],
        roads: &["Gokhale Road", "Eastern Express Highway", "Pokhran Road"] },
    City { name: "Nashik", state_code: "27", pin: 422000, weight: 4.0,
        localities: &[("College Road", 5), ("Gangapur Road", 13), ("Panchavati", 3), ("Indira Nagar", 9)],
        roads: &["Trimbak Road", "Old Agra Road", "Sharanpur Road"] },
    City { name: "Nagpur", state_code: "27", pin: 440000, weight: 3.0,
        localities: &[("Dharampeth", 10), ("Sitabuldi", 12), ("Sadar", 1)],
        roads: &["Wardha Road", "Amravati Road", "Central Avenue"] },
    City { name: "Kolhapur", state_code: "27", pin: 416000, weight: 2.0,
        localities: &[("Rajarampuri", 8), ("Shahupuri", 1)],
        roads: &["Station Road", "Tarabai Road"] },
    City { name: "Bengaluru", state_code: "29", pin: 560000, weight: 7.0,
        localities: &[("Indiranagar", 38), ("Koramangala", 34), ("Jayanagar", 11), ("Whitefield", 66), ("HSR Layout", 102)],
        roads: &["100 Feet Road", "Hosur Road", "MG Road", "Outer Ring Road"] },
    City { name: "Ahmedabad", state_code: "24", pin: 380000, weight: 4.0,
        localities: &[("Navrangpura", 9), ("Satellite", 15), ("Maninagar", 8)],
        roads: &["CG Road", "SG Highway", "Ashram Road"] },
    City { name: "Surat", state_code: "24", pin: 395000, weight: 2.0,
        localities: &[("Adajan", 9), ("Athwa", 1), ("Vesu", 7)],
        roads: &["Ring Road", "Ghod Dod Road"] },
    City { name: "New Delhi", state_code: "07", pin: 110000, weight: 4.0,
        localities: &[("Connaught Place", 1), ("Lajpat Nagar", 24), ("Karol Bagh", 5), ("Saket", 17)],
        roads: &["Ring Road", "Mathura Road", "Janpath"] },
    City { name: "Hyderabad", state_code: "36", pin: 500000, weight: 3.0,
        localities: &[("Banjara Hills", 34), ("Madhapur", 81), ("Secunderabad", 3)],
        roads: &["Road No. 12", "Hitech City Road"] },
    City { name: "Panaji", state_code: "30", pin: 403000, weight: 2.0,
        localities: &[("Altinho", 1), ("Miramar", 2)],
        roads: &["18th June Road", "Dayanand Bandodkar Marg"] },
    City { name: "Indore", state_code: "23", pin: 452000, weight: 1.0,
        localities: &[("Vijay Nagar", 10), ("Palasia", 1)],
        roads: &["AB Road", "MG Road"] },
];

pub const EMAIL_HOSTS: &[&str] = &["gmail.com", "gmail.com", "gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com", "hotmail.com"];

pub const CUSTOMER_NOTES: &[&str] = &[
    "Prefers proofs on WhatsApp",
    "Pays by cheque on delivery",
    "GST invoice needed for every order",
    "Deliver to reception, 2nd floor",
    "Bulk order before Diwali every year",
    "Send proofs to the accounts team too",
    "Colour-critical: match the Pantone swatch on file",
    "Artwork usually comes as CorelDRAW files",
    "Call before delivery",
];
