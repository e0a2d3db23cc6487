//! What one party may know about the other parties of its engagement.

use super::exchange::Exchange;
use super::model::{Referral, SharingType, Substatus};

/// Microsoft's part in this deal, as the deal page's **Microsoft status** shows it.
pub fn microsoft_status(exchange: &Exchange, referral: &Referral, vendor_id: &str) -> String {
    if referral.organization_id == vendor_id {
        return referral.substatus.label().to_string();
    }
    let vendor_copy = exchange
        .engagement(&referral.engagement_id)
        .find(|r| r.organization_id == vendor_id);
    match vendor_copy.map(|r| r.substatus) {
        Some(Substatus::Received | Substatus::Pending) => "Invited, awaiting response".into(),
        Some(Substatus::Expired) => "Invitation expired".into(),
        Some(s) => s.label().into(),
        None => match referral.sharing {
            SharingType::Private => "Not shared with Microsoft".into(),
            SharingType::PartnerLed => "Microsoft sellers may view".into(),
            SharingType::CoSell => "Invited".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::referral_at;

    #[test]
    fn microsoft_status_follows_microsofts_copy_or_the_sharing_type() {
        let mut partner = referral_at("contoso", "contoso-munich", &[]);
        partner.sharing = SharingType::Private;
        let exchange = Exchange::new(vec![partner.clone()], vec![]);
        assert_eq!(microsoft_status(&exchange, &partner, "msft"), "Not shared with Microsoft");
        partner.sharing = SharingType::PartnerLed;
        assert_eq!(microsoft_status(&exchange, &partner, "msft"), "Microsoft sellers may view");

        partner.sharing = SharingType::CoSell;
        let mut vendor = referral_at("msft", "msft-global", &[]);
        vendor.substatus = Substatus::Received;
        let exchange = Exchange::new(vec![partner.clone(), vendor.clone()], vec![]);
        assert_eq!(microsoft_status(&exchange, &partner, "msft"), "Invited, awaiting response");
        vendor.substatus = Substatus::Accepted;
        let exchange = Exchange::new(vec![partner.clone(), vendor.clone()], vec![]);
        assert_eq!(microsoft_status(&exchange, &partner, "msft"), "Accepted");
        assert_eq!(microsoft_status(&exchange, &vendor, "msft"), "Accepted", "Microsoft's own copy");
    }
}
