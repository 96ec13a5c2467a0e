//! Reference data: the 17 goals of Agenda 2030 with their official Swedish names, as used by the
//! Swedish government and the UN association in Sweden (FN-förbundet, globalamalen.se).

use crate::Agenda2030Target;

/// The Swedish names of the 17 goals, goal 1 first.
pub const GOALS: [&str; 17] = [
    "Ingen fattigdom",
    "Ingen hunger",
    "God hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
];

/// The Swedish name of goal `n` (1–17).
pub fn goal_name(n: u8) -> Option<&'static str> {
    GOALS.get(usize::from(n).checked_sub(1)?).copied()
}

/// How a link is printed: `3 God hälsa och välbefinnande`, or for a delmål
/// `10.2 (mål 10 Minskad ojämlikhet)`.
pub fn describe(target: &Agenda2030Target) -> String {
    let name = goal_name(target.goal()).unwrap_or("okänt mål");
    if target.as_str().contains('.') {
        format!("{} (mål {} {name})", target.as_str(), target.goal())
    } else {
        format!("{} {name}", target.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_goal_has_its_swedish_name() {
        assert_eq!(goal_name(1), Some("Ingen fattigdom"));
        assert_eq!(goal_name(2), Some("Ingen hunger"));
        assert_eq!(goal_name(3), Some("God hälsa och välbefinnande"));
        assert_eq!(goal_name(17), Some("Genomförande och globalt partnerskap"));
        assert_eq!(goal_name(0), None);
        assert_eq!(goal_name(18), None);
        assert!(GOALS.iter().all(|n| !n.is_empty()));
    }

    #[test]
    fn links_print_with_names() {
        let goal = Agenda2030Target::try_from("10".to_string()).unwrap();
        assert_eq!(describe(&goal), "10 Minskad ojämlikhet");
        let target = Agenda2030Target::try_from("11.3".to_string()).unwrap();
        assert_eq!(describe(&target), "11.3 (mål 11 Hållbara städer och samhällen)");
    }
}
