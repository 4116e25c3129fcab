//! Reactive state of the order editor, and its conversion to what the server takes.
use crate::domain::money::Money;
use crate::domain::order::{Channel, Priority};
use crate::domain::pricing::ChosenOption;
use crate::domain::tax::TaxMode;
use crate::domain::totals::{self, LineInput, Totals};
use crate::dto::customers::CustomerOption;
use crate::dto::orders::{LineDraft, OrderDetail, OrderInput};
use crate::dto::products::Product;
use crate::settings::ShopSettings;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub struct LineState {
    pub key: u32,
    pub product_id: RwSignal<i32>,
    pub options: RwSignal<Vec<ChosenOption>>,
    pub quantity: RwSignal<String>,
    /// Typed price; empty means the catalogue price.
    pub price: RwSignal<String>,
    pub discount: RwSignal<String>,
    pub description: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub struct EditorState {
    pub catalogue: StoredValue<Vec<Product>>,
    pub shop: StoredValue<ShopSettings>,
    pub customer: RwSignal<Option<CustomerOption>>,
    pub channel: RwSignal<Channel>,
    pub priority: RwSignal<Priority>,
    pub due: RwSignal<String>,
    pub notes: RwSignal<String>,
    pub lines: RwSignal<Vec<LineState>>,
    next_key: StoredValue<u32>,
}

fn parse_qty(s: &str) -> i64 {
    s.trim().parse().unwrap_or(0)
}

fn parse_money(s: &str) -> Option<Money> {
    if s.trim().is_empty() {
        None
    } else {
        Money::parse(s).ok()
    }
}

impl EditorState {
    /// `customer`: who a new order is for when the form opens for someone (their page).
    pub fn new(catalogue: Vec<Product>, shop: ShopSettings, initial: Option<&OrderDetail>, customer: Option<CustomerOption>) -> Self {
        let from_order = initial.map(|o| CustomerOption {
            id: o.customer_id,
            label: o.customer.clone(),
            state_code: o.customer_state.clone(),
            billing_address: String::new(),
            shipping_address: String::new(),
        });
        let st = EditorState {
            catalogue: StoredValue::new(catalogue),
            shop: StoredValue::new(shop),
            customer: RwSignal::new(from_order.or(customer)),
            channel: RwSignal::new(initial.map(|o| o.channel).unwrap_or(Channel::WalkIn)),
            priority: RwSignal::new(initial.map(|o| o.priority).unwrap_or(Priority::Normal)),
            due: RwSignal::new(initial.and_then(|o| o.due_date.clone()).unwrap_or_default()),
            notes: RwSignal::new(initial.map(|o| o.notes.clone()).unwrap_or_default()),
            lines: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
        };
        match initial {
            Some(o) if !o.lines.is_empty() => {
                for l in &o.lines {
                    let catalogue_price = st.product(l.product_id).and_then(|p| p.price_config().unit_price(l.quantity, &l.options).ok());
                    let price = if catalogue_price == Some(l.unit_price) { String::new() } else { l.unit_price.to_input() };
                    let discount = if l.discount.0 == 0 { String::new() } else { l.discount.to_input() };
                    st.push_line(l.product_id, l.options.clone(), l.quantity.to_string(), price, discount, String::new());
                }
            }
            _ => st.add_line(),
        }
        st
    }

    fn push_line(&self, product_id: i32, options: Vec<ChosenOption>, qty: String, price: String, discount: String, description: String) {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let line = LineState {
            key,
            product_id: RwSignal::new(product_id),
            options: RwSignal::new(options),
            quantity: RwSignal::new(qty),
            price: RwSignal::new(price),
            discount: RwSignal::new(discount),
            description: RwSignal::new(description),
        };
        self.lines.update(|v| v.push(line));
    }

    pub fn add_line(&self) {
        self.push_line(0, Vec::new(), String::new(), String::new(), String::new(), String::new());
    }

    pub fn remove_line(&self, key: u32) {
        self.lines.update(|v| v.retain(|l| l.key != key));
    }

    pub fn product(&self, id: i32) -> Option<Product> {
        self.catalogue.with_value(|c| c.iter().find(|p| p.id == id).cloned())
    }

    /// Picks a product for a line: its default options and minimum quantity.
    pub fn set_product(&self, line: LineState, id: i32) {
        line.product_id.set(id);
        match self.product(id) {
            Some(p) => {
                line.options.set(p.price_config().default_options());
                if parse_qty(&line.quantity.get_untracked()) < p.input.min_qty {
                    line.quantity.set(p.input.min_qty.to_string());
                }
            }
            None => line.options.set(Vec::new()),
        }
        line.price.set(String::new());
    }

    /// The catalogue price for a line, if it can be priced.
    pub fn catalogue_price(&self, line: &LineState) -> Option<Money> {
        let p = self.product(line.product_id.get())?;
        p.price_config().unit_price(parse_qty(&line.quantity.get()), &line.options.get()).ok()
    }

    pub fn line_input(&self, line: &LineState) -> LineInput {
        let rate = self.product(line.product_id.get()).map(|p| p.input.tax_rate_bp).unwrap_or(0);
        LineInput {
            quantity: parse_qty(&line.quantity.get()),
            unit_price: parse_money(&line.price.get()).or_else(|| self.catalogue_price(line)).unwrap_or_default(),
            discount: parse_money(&line.discount.get()).unwrap_or_default(),
            tax_rate_bp: rate,
        }
    }

    pub fn tax_mode(&self) -> TaxMode {
        let state = self.customer.get().map(|c| c.state_code).unwrap_or_default();
        self.shop.with_value(|s| s.tax_mode_for(&state))
    }

    pub fn totals(&self) -> Totals {
        let inputs: Vec<LineInput> = self.lines.get().iter().map(|l| self.line_input(l)).collect();
        totals::try_compute(&inputs, self.tax_mode()).unwrap_or_default()
    }

    /// What the server would refuse for size (the limits in `domain::limits`), shown while
    /// staff type. An empty quantity is left to the save: it is not a mistake yet.
    pub fn limit_errors(&self) -> Option<crate::domain::validate::FieldErrors> {
        let inputs: Vec<LineInput> = self.lines.get().iter().map(|l| {
            let mut i = self.line_input(l);
            i.quantity = i.quantity.max(1);
            i
        }).collect();
        totals::check(&inputs, self.tax_mode()).err()
    }

    pub fn tax_note(&self) -> &'static str {
        match self.tax_mode() {
            TaxMode::GstIntra => "GST within the state: CGST + SGST.",
            TaxMode::GstInter => "Customer in another state: IGST.",
            TaxMode::Vat => "Sales tax at each item's rate.",
        }
    }

    pub fn to_input(&self, draft: bool) -> OrderInput {
        OrderInput {
            customer_id: self.customer.get_untracked().map(|c| c.id).unwrap_or(0),
            channel: self.channel.get_untracked(),
            priority: self.priority.get_untracked(),
            due_date: self.due.get_untracked(),
            notes: self.notes.get_untracked(),
            draft,
            lines: self
                .lines
                .get_untracked()
                .iter()
                .map(|l| LineDraft {
                    product_id: l.product_id.get_untracked(),
                    options: l.options.get_untracked(),
                    quantity: parse_qty(&l.quantity.get_untracked()),
                    unit_price: parse_money(&l.price.get_untracked()),
                    discount: parse_money(&l.discount.get_untracked()).unwrap_or_default(),
                    description: l.description.get_untracked(),
                })
                .collect(),
        }
    }
}
