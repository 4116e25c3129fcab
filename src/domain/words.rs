//! Amount in words for invoices, Indian numbering (lakh, crore), as GST invoices print it.
use super::money::Money;

const ONES: [&str; 20] = [
    "", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
    "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
];
const TENS: [&str; 10] = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];

fn below_hundred(n: u64) -> String {
    if n < 20 {
        ONES[n as usize].to_string()
    } else if n % 10 == 0 {
        TENS[(n / 10) as usize].to_string()
    } else {
        format!("{} {}", TENS[(n / 10) as usize], ONES[(n % 10) as usize])
    }
}

fn below_thousand(n: u64) -> String {
    let h = n / 100;
    let r = n % 100;
    match (h, r) {
        (0, _) => below_hundred(r),
        (_, 0) => format!("{} Hundred", ONES[h as usize]),
        _ => format!("{} Hundred {}", ONES[h as usize], below_hundred(r)),
    }
}

/// Whole number in words with Indian grouping: 1,23,45,678 = "One Crore Twenty Three Lakh
/// Forty Five Thousand Six Hundred Seventy Eight".
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return "Zero".into();
    }
    let mut parts = Vec::new();
    let crore = n / 10_000_000;
    let rest = n % 10_000_000;
    if crore > 0 {
        parts.push(format!("{} Crore", number_in_words(crore)));
    }
    let lakh = rest / 100_000;
    let thousand = (rest % 100_000) / 1000;
    let last = rest % 1000;
    if lakh > 0 {
        parts.push(format!("{} Lakh", below_hundred(lakh)));
    }
    if thousand > 0 {
        parts.push(format!("{} Thousand", below_hundred(thousand)));
    }
    if last > 0 {
        parts.push(below_thousand(last));
    }
    parts.join(" ")
}

/// "Rupees One Thousand Two Hundred Fifty and Fifty Paise Only".
pub fn amount_in_words(amount: Money) -> String {
    let a = amount.0.unsigned_abs();
    let (rupees, paise) = (a / 100, a % 100);
    let minus = if amount.0 < 0 { "Minus " } else { "" };
    if paise == 0 {
        format!("{minus}Rupees {} Only", number_in_words(rupees))
    } else {
        format!("{minus}Rupees {} and {} Paise Only", number_in_words(rupees), below_hundred(paise))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indian_words() {
        assert_eq!(number_in_words(0), "Zero");
        assert_eq!(number_in_words(15), "Fifteen");
        assert_eq!(number_in_words(105), "One Hundred Five");
        assert_eq!(number_in_words(12_345_678), "One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight");
        assert_eq!(number_in_words(100_000), "One Lakh");
        assert_eq!(number_in_words(2_000_000_000), "Two Hundred Crore");
    }

    #[test]
    fn rupees_and_paise() {
        assert_eq!(amount_in_words(Money(125_050)), "Rupees One Thousand Two Hundred Fifty and Fifty Paise Only");
        assert_eq!(amount_in_words(Money(53_100)), "Rupees Five Hundred Thirty One Only");
    }
}
